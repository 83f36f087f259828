using System.Text;
using PanicPath.Logging;

namespace PanicPath.Tests.Logging;

public sealed class LogRingTests
{
    [Fact]
    public void The_ring_keeps_only_the_most_recent_records_once_full()
    {
        var ring = new LogRing(4);
        for (var i = 0; i < 10; i++)
        {
            ring.Write(LogRecordLevel.Information, "cat", $"m{i}");
        }

        Assert.Equal(["m6", "m7", "m8", "m9"], ring.Snapshot().Select(r => r.Message).ToArray());
        Assert.Equal(10, ring.Written);
    }

    [Fact]
    public void Capacity_rounds_up_to_a_power_of_two_and_bad_capacity_names_the_option()
    {
        Assert.Equal(8, new LogRing(5).Capacity);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LogRing(0));
        Assert.Contains("LogRingCapacity", error.Message);
    }

    [Fact]
    public void CopyYoungest_holds_the_youngest_records_that_fit_oldest_first()
    {
        var ring = new LogRing(64);
        for (var i = 0; i < 20; i++)
        {
            ring.Write(LogRecordLevel.Warning, "Cat", $"message-{i:00}");
        }

        var oneLine = LineBytes(ring);
        var buffer = new byte[(oneLine * 3) + (oneLine / 2)];
        var written = ring.CopyYoungest(buffer);
        var lines = Encoding.UTF8.GetString(buffer, 0, written).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, lines.Length);
        Assert.EndsWith("warn Cat: message-17", lines[0]);
        Assert.EndsWith("warn Cat: message-18", lines[1]);
        Assert.EndsWith("warn Cat: message-19", lines[2]);
        Assert.Equal(oneLine * 3, written);
    }

    [Fact]
    public void A_record_larger_than_the_buffer_leaves_the_dump_empty_rather_than_putting_older_records_after_a_gap()
    {
        var ring = new LogRing(8);
        ring.Write(LogRecordLevel.Information, "c", "small");
        ring.Write(LogRecordLevel.Information, "c", new string('x', 500));

        var buffer = new byte[100];
        Assert.Equal(0, ring.CopyYoungest(buffer));
    }

    [Fact]
    public void Lines_carry_timestamp_level_category_and_utf8_message()
    {
        var ring = new LogRing(8);
        ring.Write(LogRecordLevel.Critical, "Säge", "naïve ☃");
        var buffer = new byte[200];
        var text = Encoding.UTF8.GetString(buffer, 0, ring.CopyYoungest(buffer));

        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z crit Säge: naïve ☃\n$", text);
    }

    [Fact]
    public void Concurrent_writers_lose_no_record_that_fits_the_ring()
    {
        var ring = new LogRing(4096);
        Parallel.For(0, 8, t =>
        {
            for (var i = 0; i < 500; i++)
            {
                ring.Write(LogRecordLevel.Information, "t" + t, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        });

        var records = ring.Snapshot();
        Assert.Equal(4000, records.Count);
        Assert.Equal(4000, records.Select(r => (r.Category, r.Message)).Distinct().Count());
    }

    [Fact]
    public void A_dumper_receives_only_reasons_up_to_its_max_reason_and_only_what_fits_its_buffer()
    {
        var ring = new LogRing(16);
        for (var i = 0; i < 10; i++)
        {
            ring.Write(LogRecordLevel.Information, "c", $"line {i}");
        }

        var oneLine = LineBytes(ring);
        var dumper = new CapturingDumper(LogDumpReason.Oops, oneLine * 2);

        foreach (var reason in Enum.GetValues<LogDumpReason>())
        {
            if (dumper.Accepts(reason))
            {
                dumper.DumpFrom(ring, reason);
            }
        }

        Assert.Equal([LogDumpReason.Panic, LogDumpReason.Oops], dumper.Reasons.ToArray());
        Assert.All(dumper.Texts, t =>
        {
            var lines = t.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            Assert.EndsWith("c: line 8", lines[0]);
            Assert.EndsWith("c: line 9", lines[1]);
        });
    }

    /// <summary>Bytes of the youngest line, newline included (every line of these tests has the same length).</summary>
    private static int LineBytes(LogRing ring)
    {
        var big = new byte[4096];
        var all = Encoding.UTF8.GetString(big, 0, ring.CopyYoungest(big)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return Encoding.UTF8.GetByteCount(all[^1]) + 1;
    }

    private sealed class CapturingDumper(LogDumpReason maxReason, int bytes) : LogDumper("capture", maxReason, bytes)
    {
        internal List<LogDumpReason> Reasons { get; } = [];

        internal List<string> Texts { get; } = [];

        protected override void Dump(LogDumpReason reason, ReadOnlySpan<byte> youngestLines)
        {
            Reasons.Add(reason);
            Texts.Add(Encoding.UTF8.GetString(youngestLines));
        }
    }
}
