using System.Buffers;
using System.Text;

namespace PanicPath.Reports;

/// <summary>
/// Writes UTF-8 text as a quoted JSON string with the very bytes System.Text.Json's default escaping
/// gives for the same text decoded as <see cref="Encoding.UTF8"/> decodes it (an invalid sequence
/// becomes U+FFFD): printable ASCII but <c>" &amp; ' + &lt; &gt; \ `</c> as is; <c>\n \r \t \b \f \\</c>
/// as two characters; every other character, and each UTF-16 unit of anything beyond ASCII, as
/// <c>\uXXXX</c> in upper-case hex. Runs of plain bytes are copied whole, so a log tail is escaped
/// in place, without allocating or going through UTF-16.
/// </summary>
internal static class Utf8JsonString
{
    private static readonly SearchValues<byte> Plain = SearchValues.Create(PlainBytes());

    /// <summary>The characters written as they are (one byte each): text made only of these needs no escaping.</summary>
    internal static readonly SearchValues<char> PlainChars = SearchValues.Create(Encoding.ASCII.GetString(PlainBytes()));

    /// <summary>The most bytes <see cref="Write"/> writes for <paramref name="utf8Length"/> bytes of text: six per byte, and the quotes.</summary>
    internal static int MaxLength(int utf8Length) => (6 * utf8Length) + 2;

    /// <summary>
    /// Writes <paramref name="utf8"/> quoted and escaped into <paramref name="destination"/>, which holds
    /// at least <see cref="MaxLength"/> bytes, and answers how many bytes it wrote.
    /// </summary>
    internal static int Write(ReadOnlySpan<byte> utf8, Span<byte> destination)
    {
        destination[0] = (byte)'"';
        var at = 1;
        while (!utf8.IsEmpty)
        {
            var run = utf8.IndexOfAnyExcept(Plain);
            if (run < 0)
            {
                run = utf8.Length;
            }

            utf8[..run].CopyTo(destination[at..]);
            at += run;
            utf8 = utf8[run..];
            if (utf8.IsEmpty)
            {
                break;
            }

            if (utf8[0] < 0x80)
            {
                at += EscapeAscii(utf8[0], destination[at..]);
                utf8 = utf8[1..];
                continue;
            }

            // Invalid input decodes to U+FFFD over the same bytes Encoding.UTF8 replaces.
            Rune.DecodeFromUtf8(utf8, out var rune, out var consumed);
            utf8 = utf8[consumed..];
            if (rune.IsBmp)
            {
                at += EscapeUnit(rune.Value, destination[at..]);
            }
            else
            {
                var above = rune.Value - 0x10000;
                at += EscapeUnit(0xD800 + (above >> 10), destination[at..]);
                at += EscapeUnit(0xDC00 + (above & 0x3FF), destination[at..]);
            }
        }

        destination[at++] = (byte)'"';
        return at;
    }

    private static int EscapeAscii(byte value, Span<byte> destination)
    {
        var shortForm = value switch
        {
            (byte)'\n' => (byte)'n',
            (byte)'\r' => (byte)'r',
            (byte)'\t' => (byte)'t',
            (byte)'\b' => (byte)'b',
            (byte)'\f' => (byte)'f',
            (byte)'\\' => (byte)'\\',
            _ => (byte)0,
        };
        if (shortForm == 0)
        {
            return EscapeUnit(value, destination);
        }

        destination[0] = (byte)'\\';
        destination[1] = shortForm;
        return 2;
    }

    private static int EscapeUnit(int unit, Span<byte> destination)
    {
        destination[0] = (byte)'\\';
        destination[1] = (byte)'u';
        destination[2] = Hex(unit >> 12);
        destination[3] = Hex(unit >> 8);
        destination[4] = Hex(unit >> 4);
        destination[5] = Hex(unit);
        return 6;
    }

    private static byte Hex(int value) => (byte)"0123456789ABCDEF"[value & 0xF];

    private static byte[] PlainBytes()
    {
        var plain = new List<byte>();
        for (var b = 0x20; b < 0x7F; b++)
        {
            if (b is not ('"' or '&' or '\'' or '+' or '<' or '>' or '\\' or '`'))
            {
                plain.Add((byte)b);
            }
        }

        return [.. plain];
    }
}
