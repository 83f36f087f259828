using System.Text;
using System.Text.Json;
using CsCheck;
using PanicPath.Reports;

namespace PanicPath.Tests.Reports;

public sealed class Utf8JsonStringTests
{
    /// <summary>Text rich in what escaping treats specially: control characters, HTML-sensitive ASCII, non-ASCII, astral characters and lone surrogates.</summary>
    internal static readonly Gen<string> HardText = Gen.OneOf(
        Gen.Char.Select(c => c.ToString()),
        Gen.Char[(char)0, (char)0x7F].Select(c => c.ToString()),
        Gen.OneOf<string>("\n", "\r", "\t", "\b", "\f", "\\", "\"", "&", "'", "+", "<", ">", "`", "\u007F", "\u00E9", "\u2603", "\u2028", "\uFFFD", "\uD83D", "\uDE00"),
        Gen.OneOf<string>("\U0001F600", "\uD83D\uDE00", "\uDE00\uD83D"),
        Gen.String[0, 4])
        .Array[0, 40].Select(parts => string.Concat(parts));

    [Fact]
    public void Any_text_is_written_with_the_bytes_the_serialiser_writes_for_it()
    {
        HardText.Sample(text =>
        {
            var utf8 = Encoding.UTF8.GetBytes(text);

            Assert.Equal(Serialised(Encoding.UTF8.GetString(utf8)), Escaped(utf8));
        }, iter: 20_000);
    }

    [Fact]
    public void Invalid_utf8_is_written_as_the_string_the_utf8_decoder_makes_of_it()
    {
        Gen.Byte.Array[0, 64].Sample(bytes => Assert.Equal(Serialised(Encoding.UTF8.GetString(bytes)), Escaped(bytes)), iter: 20_000);
    }

    [Fact]
    public void The_most_any_text_takes_is_six_bytes_a_byte_and_the_quotes()
    {
        // Each stray continuation byte is a U+FFFD of its own, written \uFFFD.
        var strays = Enumerable.Repeat((byte)0x80, 32).ToArray();

        Assert.Equal(Utf8JsonString.MaxLength(strays.Length), Escaped(strays).Length);
    }

    private static string Escaped(byte[] utf8)
    {
        var buffer = new byte[Utf8JsonString.MaxLength(utf8.Length)];
        return Encoding.UTF8.GetString(buffer, 0, Utf8JsonString.Write(utf8, buffer));
    }

    /// <summary>What the report's serialiser writes for the log: its source-generated string property.</summary>
    private static string Serialised(string text)
    {
        var json = Encoding.UTF8.GetString(new CrashReport { Log = text }.ToUtf8Json());
        var start = json.IndexOf("\"log\":", StringComparison.Ordinal) + 6;
        var end = json.IndexOf(",\"notifiers\":", start, StringComparison.Ordinal);
        return json[start..end];
    }
}
