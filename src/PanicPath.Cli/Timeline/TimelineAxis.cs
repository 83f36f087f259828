using System.Globalization;

namespace PanicPath.Cli.Timeline;

/// <summary>
/// The horizontal scale of a timeline: the span <see cref="Min"/>..<see cref="Max"/> of its bars, its origin
/// (<see cref="Timeline.Origin"/>) and the markers
/// near them (within <see cref="OffScaleReach"/> of the bars' span; all markers when there are no bars; never empty: a
/// timeline of one point spans one unit) mapped onto the pixels <see cref="Left"/>..<see cref="Left"/> +
/// <see cref="Width"/>, and its ticks: 1, 2 or 5 times a power of ten apart, about eight of them, whole steps for the
/// unit <c>step</c> (where step N covers N-1..N and its tick, labelled N, stands in its middle), labelled in the timeline's unit (<c>ms</c> ticks a second or more apart in <c>s</c>, <c>µs</c> ticks
/// in <c>µs</c>, <c>ms</c> or <c>s</c> as their spacing reads best). Non-finite values count as 0.
/// </summary>
internal sealed class TimelineAxis
{
    private TimelineAxis(string unit, double min, double max, double left, double width)
    {
        Unit = unit;
        Min = min;
        Max = max;
        Left = left;
        Width = width;
    }

    /// <summary>How far from the bars, in spans of the bars, a marker may stand and still be taken into the scale.</summary>
    public const double OffScaleReach = 0.5;

    /// <summary>The unit of the values.</summary>
    public string Unit { get; }

    /// <summary>The smallest value shown, at <see cref="Left"/>.</summary>
    public double Min { get; }

    /// <summary>The largest value shown, at <see cref="Left"/> + <see cref="Width"/>.</summary>
    public double Max { get; }

    /// <summary>The pixel of <see cref="Min"/>.</summary>
    public double Left { get; }

    /// <summary>The pixels from <see cref="Min"/> to <see cref="Max"/>.</summary>
    public double Width { get; }

    /// <summary>The axis of <paramref name="timeline"/> drawn from pixel <paramref name="left"/> over <paramref name="width"/> pixels.</summary>
    public static TimelineAxis Of(Timeline timeline, double left, double width)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var bar in timeline.Bars)
        {
            var start = Finite(bar.Start);
            min = Math.Min(min, start);
            max = Math.Max(max, start + Length(bar.Duration));
        }

        if (timeline.Origin is { } origin && double.IsFinite(origin))
        {
            min = Math.Min(min, origin);
            max = double.IsInfinity(max) ? origin : Math.Max(max, origin);
        }

        // A marker far from every bar (a deadline of seconds after a path of milliseconds) would squash the bars into a
        // corner: the scale takes in only markers within half the bars' span of them; the others are drawn off scale.
        var (barsMin, barsMax) = (min, max);
        var reach = double.IsInfinity(min) ? double.PositiveInfinity : Math.Max(max - min, 0) * OffScaleReach;
        foreach (var marker in timeline.Markers)
        {
            var at = Finite(marker.At);
            if (double.IsInfinity(reach) || (at >= barsMin - reach && at <= barsMax + reach))
            {
                min = Math.Min(min, at);
                max = Math.Max(max, at);
            }
        }

        if (double.IsInfinity(min))
        {
            (min, max) = (0, 1);
        }

        if (!(max - min > 0) || double.IsInfinity(max - min))
        {
            max = min + 1;
        }

        return new TimelineAxis(timeline.Unit, min, max, left, width);
    }

    /// <summary>True when <paramref name="value"/> lies outside <see cref="Min"/>..<see cref="Max"/> (a marker the scale left out).</summary>
    public bool OffScale(double value) => Finite(value) < Min || Finite(value) > Max;

    /// <summary>The pixel of <paramref name="value"/>.</summary>
    public double X(double value) => Left + ((Finite(value) - Min) / (Max - Min) * Width);

    /// <summary>The pixels <paramref name="length"/> takes (negative and non-finite lengths take none).</summary>
    public double Pixels(double length) => Length(length) / (Max - Min) * Width;

    /// <summary>The ticks, each a value with its label, from the first multiple of the tick spacing at or after <see cref="Min"/> to <see cref="Max"/>.</summary>
    public IReadOnlyList<(double Value, string Label)> Ticks()
    {
        var step = Spacing((Max - Min) / 8);
        if (!(step > 0) || !double.IsFinite(step) || (Max - Min) / step > 100)
        {
            step = Max - Min;
        }

        if (Unit == "step")
        {
            step = Math.Max(1, Math.Round(step));
        }

        var ticks = new List<(double, string)>();
        if (Unit == "step")
        {
            // Step N covers N-1..N: its tick stands in its middle, labelled N, at multiples of the spacing.
            for (var label = Math.Max(1, Math.Ceiling((Min + 1) / step) * step); label - 0.5 <= Max && ticks.Count <= 100; label += step)
            {
                ticks.Add((label - 0.5, Number(label)));
            }

            return ticks;
        }

        var (divisor, suffix) = LabelUnit(step);
        var first = Math.Ceiling(Min / step);
        for (var i = 0; i <= 100; i++)
        {
            var value = (first + i) * step;
            if (value > Max + (step * 1e-9))
            {
                break;
            }

            var shown = Math.Round(value / divisor, 6);
            ticks.Add((value, Number(shown == 0 ? 0 : shown) + suffix));
        }

        return ticks;
    }

    /// <summary>A number in the invariant culture with at most six decimals, in exponent form from 10^15 on (so that no value writes hundreds of digits).</summary>
    public static string Number(double value) =>
        value.ToString(Math.Abs(value) < 1e15 ? "0.######" : "0.######E+0", CultureInfo.InvariantCulture);

    /// <summary><paramref name="value"/>, or 0 when it is NaN or infinite.</summary>
    public static double Finite(double value) => double.IsFinite(value) ? value : 0;

    /// <summary><paramref name="length"/>, or 0 when it is negative, NaN or infinite.</summary>
    public static double Length(double length) => double.IsFinite(length) && length > 0 ? length : 0;

    /// <summary>The tick spacing nearest above <paramref name="rough"/>: 1, 2 or 5 times a power of ten.</summary>
    private static double Spacing(double rough)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var normal = rough / magnitude;
        return (normal <= 1 ? 1 : normal <= 2 ? 2 : normal <= 5 ? 5 : 10) * magnitude;
    }

    /// <summary>What a tick's value is divided by and the unit written after it, for ticks <paramref name="step"/> apart.</summary>
    private (double Divisor, string Suffix) LabelUnit(double step) => Unit switch
    {
        "ms" => step >= 1000 ? (1000, " s") : (1, " ms"),
        "µs" => step >= 1_000_000 ? (1_000_000, " s") : step >= 1000 ? (1000, " ms") : (1, " µs"),
        var other => (1, other.Length > 0 ? " " + other : string.Empty),
    };
}
