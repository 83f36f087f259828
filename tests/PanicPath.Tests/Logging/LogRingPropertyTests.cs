using System.Text;
using CsCheck;
using PanicPath.Logging;

namespace PanicPath.Tests.Logging;

public sealed class LogRingPropertyTests
{
    [Fact]
    public void A_dump_is_always_the_longest_run_of_youngest_records_that_fits()
    {
        Gen.Select(Gen.Int[1, 80].Array[1, 60], Gen.Int[0, 2000], Gen.Int[1, 64])
            .Sample((lengths, bufferBytes, capacity) =>
            {
                var ring = new LogRing(capacity);
                for (var i = 0; i < lengths.Length; i++)
                {
                    ring.Write(LogRecordLevel.Information, "c", $"{i}:{new string('é', lengths[i])}");
                }

                var kept = ring.Snapshot();
                var buffer = new byte[bufferBytes];
                var text = Encoding.UTF8.GetString(buffer, 0, ring.CopyYoungest(buffer));
                var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

                // The lines are the youngest records, oldest first, with no gap.
                var expected = kept.Skip(kept.Count - lines.Length).Select(r => r.Message).ToArray();
                Assert.Equal(expected, lines.Select(l => l[(l.IndexOf(": ", StringComparison.Ordinal) + 2)..]).ToArray());

                // The next older record would not have fitted.
                if (lines.Length < kept.Count)
                {
                    var next = kept[kept.Count - lines.Length - 1];
                    var nextBytes = 24 + 1 + 4 + 1 + 1 + 2 + Encoding.UTF8.GetByteCount(next.Message) + 1;
                    Assert.True(Encoding.UTF8.GetByteCount(text) + nextBytes > bufferBytes);
                }
            });
    }

    [Fact]
    public void A_lines_timestamp_is_the_records_time_to_the_millisecond_truncated_as_the_custom_format_writes_it()
    {
        Gen.Long[0, DateTime.MaxValue.Ticks].Sample(ticks =>
        {
            var time = new DateTime(ticks, DateTimeKind.Utc);
            var buffer = new byte[24];

            var length = LogRing.FormatTimestamp(time, buffer);

            Assert.Equal(time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture), Encoding.ASCII.GetString(buffer, 0, length));
        }, iter: 20_000);
    }

    [Fact]
    public void A_dump_is_each_records_line_in_full_with_any_text_ascii_or_not()
    {
        string[] levels = ["trce", "dbug", "info", "warn", "fail", "crit"];
        Gen.Select(Gen.Select(PanicPath.Tests.Reports.Utf8JsonStringTests.HardText, PanicPath.Tests.Reports.Utf8JsonStringTests.HardText, Gen.Int[0, 5]).Array[1, 40], Gen.Int[0, 3000])
            .Sample((records, bufferBytes) =>
            {
                var ring = new LogRing(64);
                foreach (var (category, message, level) in records)
                {
                    ring.Write((LogRecordLevel)level, category, message);
                }

                var buffer = new byte[bufferBytes];
                var written = buffer.AsSpan(0, ring.CopyYoungest(buffer)).ToArray();

                var lines = ring.Snapshot().Select(r => Encoding.UTF8.GetBytes(
                    $"{r.TimestampUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture)} {levels[(int)r.Level]} {r.Category}: {r.Message}\n")).ToList();
                var expected = new List<byte>();
                for (var i = lines.Count - 1; i >= 0 && expected.Count + lines[i].Length <= bufferBytes; i--)
                {
                    expected.InsertRange(0, lines[i]);
                }

                Assert.Equal(expected.ToArray(), written);
            }, iter: 2_000);
    }

    [Fact]
    public void A_tail_written_as_json_is_the_copied_tail_escaped_byte_for_byte_and_is_written_whenever_every_line_is_plain()
    {
        var plain = Gen.String[Gen.Char["abcXYZ 0129:.-_/()[]{}=!?"], 0, 40];
        var text = Gen.Frequency((6, plain), (1, PanicPath.Tests.Reports.Utf8JsonStringTests.HardText));
        Gen.Select(Gen.Select(text, text, Gen.Int[0, 5]).Array[0, 40], Gen.Int[0, 3000])
            .Sample((records, limit) =>
            {
                var ring = new LogRing(64);
                foreach (var (category, message, level) in records)
                {
                    ring.Write((LogRecordLevel)level, category, message);
                }

                var raw = new byte[limit];
                var copied = raw.AsSpan(0, ring.CopyYoungest(raw));
                var escaped = new byte[PanicPath.Reports.Utf8JsonString.MaxLength(copied.Length)];
                var expected = escaped.AsSpan(0, PanicPath.Reports.Utf8JsonString.Write(copied, escaped)).ToArray();
                var json = new byte[PanicPath.Reports.Utf8JsonString.MaxLength(limit)];

                var start = ring.CopyYoungestJson(json, limit);

                if (start >= 0)
                {
                    Assert.Equal(expected, json.AsSpan(start).ToArray());
                }

                var everyLinePlain = ring.Snapshot().All(r => IsPlain(r.Category) && IsPlain(r.Message));
                Assert.True(start >= 0 || !everyLinePlain, "every line is plain, yet the tail was not written as JSON");
            }, iter: 2_000);
    }

    [Fact]
    public void A_tail_as_json_whose_lines_share_category_strings_is_the_copied_tail_escaped_byte_for_byte()
    {
        // Categories are the same string objects from line to line, as a logger's are, in runs and interleaved.
        var categories = new[] { "Bench", "App.Orders", string.Empty, "x", "Microsoft.Hosting.Lifetime", "caf\u00e9" };
        var message = Gen.String[Gen.Char["abcXYZ 0129:.-_/()=!?"], 0, 30];
        Gen.Select(Gen.Select(Gen.Int[0, categories.Length - 1], message, Gen.Int[0, 5]).Array[0, 50], Gen.Int[0, 3000], Gen.Int[1, 64])
            .Sample((records, limit, capacity) =>
            {
                var ring = new LogRing(capacity);
                foreach (var (category, text, level) in records)
                {
                    ring.Write((LogRecordLevel)level, categories[category], text);
                }

                var raw = new byte[limit];
                var copied = raw.AsSpan(0, ring.CopyYoungest(raw));
                var escaped = new byte[PanicPath.Reports.Utf8JsonString.MaxLength(copied.Length)];
                var expected = escaped.AsSpan(0, PanicPath.Reports.Utf8JsonString.Write(copied, escaped)).ToArray();
                var json = new byte[PanicPath.Reports.Utf8JsonString.MaxLength(limit)];

                var start = ring.CopyYoungestJson(json, limit);

                var everyLinePlain = ring.Snapshot().All(r => IsPlain(r.Category) && IsPlain(r.Message));
                Assert.True(start >= 0 || !everyLinePlain, "every line is plain, yet the tail was not written as JSON");
                if (start >= 0)
                {
                    Assert.Equal(expected, json.AsSpan(start).ToArray());
                }
            }, iter: 2_000);
    }

    private static bool IsPlain(string text) => text.All(c => c is >= ' ' and < (char)0x7F and not ('"' or '&' or '\'' or '+' or '<' or '>' or '\\' or '`'));
}
