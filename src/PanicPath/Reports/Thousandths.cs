using System.Buffers.Text;
using System.Text.Json;

namespace PanicPath.Reports;

/// <summary>
/// A time in the report: milliseconds to three decimals (the microsecond), held on the panic path as
/// a whole number of thousandths of a millisecond. <see cref="Of(double)"/> rounds as
/// <c>Math.Round(ms, 3)</c> does, <see cref="Milliseconds"/> gives the report's <see cref="double"/>,
/// and <see cref="Write"/> writes it as the very digits <see cref="Utf8JsonWriter.WriteNumber(JsonEncodedText, double)"/>
/// writes for that double (the shortest that reads back: no trailing zeros, no exponent in this range),
/// formatted as integers, which costs a fraction of formatting a double.
/// </summary>
internal static class Thousandths
{
    /// <summary>Past this (about 31 years) a value is written through the double formatter.</summary>
    private const long Largest = 1_000_000_000_000_000;

    /// <summary><paramref name="ms"/> rounded to the microsecond (half to even), in thousandths.</summary>
    internal static long Of(double ms) => (long)Math.Round(ms * 1000);

    /// <summary>The milliseconds <paramref name="thousandths"/> stands for, as the report holds them.</summary>
    internal static double Milliseconds(long thousandths) => thousandths / 1000.0;

    /// <summary>Writes the property <paramref name="name"/> with the value <see cref="Milliseconds"/> of <paramref name="thousandths"/>.</summary>
    internal static void Write(Utf8JsonWriter json, JsonEncodedText name, long thousandths)
    {
        if ((ulong)thousandths >= Largest)
        {
            json.WriteNumber(name, Milliseconds(thousandths));
            return;
        }

        Span<byte> digits = stackalloc byte[24];
        Utf8Formatter.TryFormat(thousandths / 1000, digits, out var length);
        var fraction = (int)(thousandths % 1000);
        if (fraction != 0)
        {
            digits[length++] = (byte)'.';
            digits[length++] = (byte)('0' + fraction / 100);
            fraction %= 100;
            if (fraction != 0)
            {
                digits[length++] = (byte)('0' + fraction / 10);
                fraction %= 10;
                if (fraction != 0)
                {
                    digits[length++] = (byte)('0' + fraction);
                }
            }
        }

        json.WritePropertyName(name);
        json.WriteRawValue(digits[..length], skipInputValidation: true);
    }
}
