using System.Globalization;

namespace PanicPath.Model.Kernel;

/// <summary>
/// Simulated time, in microseconds (<c>udelay()</c>'s unit, the finest the modelled waits use). A duration is
/// written as a whole number and a unit, <c>us</c>, <c>ms</c> or <c>s</c> (<c>100s</c>, <c>10ms</c>, <c>1000us</c>),
/// at most <see cref="MaxText"/>; the clock adds durations without overflowing (it saturates).
/// </summary>
public static class Duration
{
    /// <summary>The longest duration a file may write, in microseconds: 1,000,000 s (a panic path that waits longer is stuck).</summary>
    public const long Max = 1_000_000L * 1_000_000L;

    /// <summary><see cref="Max"/> as a file writes it.</summary>
    public const string MaxText = "1000000s";

    /// <summary>The units, each with its length in microseconds.</summary>
    private static readonly (string Unit, long Micros)[] Units = [("us", 1), ("ms", 1_000), ("s", 1_000_000)];

    /// <summary>
    /// Reads <paramref name="text"/> as a duration. Answers null and the duration in microseconds, or what was
    /// expected and the offset in <paramref name="text"/> where the problem starts: a sign, a missing number,
    /// a missing or unknown unit, a value past <see cref="MaxText"/>.
    /// </summary>
    public static (long Micros, string? Expected, int Offset) Parse(string text)
    {
        const string Shape = "a duration: a whole number and a unit, us, ms or s (100s, 10ms)";
        var lead = text.Length - text.TrimStart().Length;
        var body = text.Trim();
        if (body.StartsWith('-'))
        {
            return (0, $"a duration that is not negative, not '{body}'", lead);
        }

        var digits = 0;
        while (digits < body.Length && char.IsAsciiDigit(body[digits]))
        {
            digits++;
        }

        if (digits == 0)
        {
            return (0, $"{Shape}, not '{body}'", lead);
        }

        var unit = body[digits..];
        if (unit.Length > 0 && char.IsWhiteSpace(unit[0]))
        {
            return (0, $"the unit right after the number ({body[..digits]}{unit.Trim()}), not '{body}'", lead + digits);
        }

        if (unit.Length == 0)
        {
            return (0, $"a unit after {body}: us, ms or s", lead + digits);
        }

        var micros = Array.Find(Units, u => u.Unit == unit).Micros;
        if (micros == 0)
        {
            return (0, $"a unit us, ms or s, not '{unit}'", lead + digits);
        }

        if (!long.TryParse(body.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > Max / micros)
        {
            return (0, $"a duration of at most {MaxText}, not '{body}'", lead);
        }

        return (number * micros, null, 0);
    }

    /// <summary><paramref name="a"/> + <paramref name="b"/>, saturating at <see cref="long.MaxValue"/>.</summary>
    public static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    /// <summary>
    /// A duration as the trace and the reports write it: whole seconds, milliseconds or microseconds when exact
    /// (<c>100s</c>, <c>10ms</c>, <c>7us</c>), otherwise seconds or milliseconds with the decimals needed
    /// (<c>1.01s</c>, <c>1.5ms</c>).
    /// </summary>
    public static string Format(long micros)
    {
        if (micros == long.MaxValue)
        {
            return "forever";
        }

        if (micros >= 1_000_000)
        {
            return Decimal(micros, 1_000_000) + "s";
        }

        return micros >= 1_000 ? Decimal(micros, 1_000) + "ms" : micros.ToString(CultureInfo.InvariantCulture) + "us";
    }

    private static string Decimal(long micros, long unit)
    {
        var whole = (micros / unit).ToString(CultureInfo.InvariantCulture);
        var rest = micros % unit;
        if (rest == 0)
        {
            return whole;
        }

        var digits = unit == 1_000_000 ? 6 : 3;
        return whole + "." + rest.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
    }
}
