using System.Globalization;
using System.Text;

namespace PanicPath.Cli.Timeline;

/// <summary>
/// Draws a <see cref="Timeline"/> as one <c>&lt;svg class="timeline"&gt;</c> element for an HTML page (it needs nothing
/// outside itself: its style is inside it, it has no script, links or ids, and no namespace URL, which HTML does not
/// need). From the top: the title; the markers' labels (in as many rows as keep them apart); the lanes in the
/// timeline's order (a lane listed nowhere but on a bar comes after them), each with its label on the left and
/// its bars to scale (x from the smallest to the largest start, end or marker; a bar of no duration keeps a small
/// visible width at its place; a deeper bar one row under the bars above it, inside its lane); the markers as vertical
/// lines over every lane (a marker far from every bar, which the scale leaves out, at the edge on its side with class
/// <c>off-scale</c> and an arrow after or before its label); the axis with its ticks in the timeline's unit; the legend of the outcomes shown.
/// <para>Every bar is a <c>&lt;g class="bar outcome-OUTCOME"&gt;</c> with <c>data-lane</c>, <c>data-name</c>,
/// <c>data-outcome</c>, <c>data-start</c>, <c>data-duration</c> and <c>data-depth</c>, in the timeline's bar order,
/// holding a <c>&lt;title&gt;</c> (the tooltip: name, outcome, where and how long, the detail), a <c>&lt;rect&gt;</c>
/// and, when it fits, a <c>&lt;text&gt;</c> with its name (and outcome). Every marker is a
/// <c>&lt;line class="marker marker-NAME"&gt;</c> with <c>data-name</c> and <c>data-at</c> and a <c>&lt;title&gt;</c>.
/// All text is encoded (<see cref="HtmlPage.Encode"/>); every number is written in the invariant culture with at most
/// two decimals for pixels and six for values, so the same timeline always gives the same text.</para>
/// </summary>
public static class TimelineSvg
{
    /// <summary>The drawing's width in pixels (it scales down with its container).</summary>
    public const double Width = 960;

    /// <summary>The narrowest a bar is drawn, in pixels, so that a bar of no duration shows.</summary>
    public const double MinBarWidth = 3;

    private const double LabelColumn = 180;
    private const double RightMargin = 24;
    private const double RowHeight = 22;
    private const double BarHeight = 18;
    private const double LanePadding = 4;
    private const double MarkerRowHeight = 13;
    private const int MarkerRows = 8;
    private const int MaxDepth = 6;
    private const double CharWidth = 6.4;
    private const double MarkerCharWidth = 5.8;

    /// <summary>The most characters of the title written above the drawing (13 px bold over its width); the whole title is its <c>&lt;title&gt;</c>.</summary>
    private const int CaptionChars = 120;

    /// <summary>The timeline as SVG markup (see the type's summary).</summary>
    public static string Render(Timeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var svg = new StringBuilder(4096);
        var lanes = Lanes(timeline);
        var axis = TimelineAxis.Of(timeline, LabelColumn, Width - LabelColumn - RightMargin);
        var labels = PlaceMarkerLabels(timeline.Markers, axis);
        var rows = labels.Count == 0 ? 0 : labels.Max(l => l.Row) + 1;
        const double captionBottom = 26;
        var lanesTop = captionBottom + (rows * MarkerRowHeight) + (rows > 0 ? 8 : 4);

        var laneTops = new Dictionary<string, double>(StringComparer.Ordinal);
        var y = lanesTop;
        var bands = new StringBuilder();
        for (var i = 0; i < lanes.Count; i++)
        {
            var (lane, depth) = lanes[i];
            var laneHeight = (LanePadding * 2) + BarHeight + (depth * RowHeight);
            laneTops[lane] = y;
            bands.Append(CultureInfo.InvariantCulture, $"<g class=\"lane{(i % 2 == 1 ? " odd" : string.Empty)}\" data-lane=\"{HtmlPage.Encode(lane)}\">")
                .Append(CultureInfo.InvariantCulture, $"<rect class=\"lane-band\" x=\"0\" y=\"{Px(y)}\" width=\"{Px(Width)}\" height=\"{Px(laneHeight)}\"/>")
                .Append(LaneLabel(lane, y + LanePadding + (BarHeight / 2) + 4))
                .Append("</g>\n");
            y += laneHeight;
        }

        if (lanes.Count == 0)
        {
            bands.Append(CultureInfo.InvariantCulture, $"<text class=\"lane-label\" x=\"{Px(LabelColumn)}\" y=\"{Px(y + 16)}\">nothing to show</text>\n");
            y += 24;
        }

        var lanesBottom = y;
        var axisY = lanesBottom + 1;
        var ticks = axis.Ticks();
        var legend = Legend(timeline.Bars, axisY + 30);
        var height = Px((legend.Count == 0 ? axisY + 30 : legend[^1].Y) + 10);

        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"timeline\" role=\"img\" viewBox=\"0 0 {Px(Width)} {height}\" width=\"{Px(Width)}\" height=\"{height}\" data-unit=\"{HtmlPage.Encode(timeline.Unit)}\">\n")
            .Append("<title>").Append(HtmlPage.Encode(timeline.Title)).Append("</title>\n")
            .Append("<style>\n").Append(TimelineStyle.Css).Append("\n</style>\n")
            .Append(CultureInfo.InvariantCulture, $"<text class=\"caption\" x=\"0\" y=\"16\">{HtmlPage.Encode(Shorten(timeline.Title, CaptionChars))}</text>\n")
            .Append(bands);

        foreach (var (value, _) in ticks)
        {
            var x = axis.X(value);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Px(x)}\" y1=\"{Px(lanesTop)}\" x2=\"{Px(x)}\" y2=\"{Px(lanesBottom)}\"/>\n");
        }

        foreach (var bar in timeline.Bars)
        {
            svg.Append(Bar(bar, axis, laneTops[bar.Lane ?? string.Empty], timeline.Unit));
        }

        foreach (var (marker, x, row, anchorEnd) in labels)
        {
            var labelY = captionBottom + 10 + (row * MarkerRowHeight);
            var name = TimelineStyle.Token(marker.Name);
            var offScale = axis.OffScale(marker.At);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"marker marker-{name}{(offScale ? " off-scale" : string.Empty)}\" data-name=\"{HtmlPage.Encode(marker.Name)}\" data-at=\"{Value(marker.At)}\" x1=\"{Px(x)}\" y1=\"{Px(labelY + 3)}\" x2=\"{Px(x)}\" y2=\"{Px(lanesBottom)}\">")
                .Append("<title>").Append(HtmlPage.Encode($"{marker.Label} ({marker.Name}) at {Position(marker.At, timeline.Unit)}")).Append("</title></line>\n")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"marker-label\" x=\"{Px(anchorEnd ? x - 3 : x + 3)}\" y=\"{Px(labelY)}\"{(anchorEnd ? " text-anchor=\"end\"" : string.Empty)}>{HtmlPage.Encode(Label(marker, axis))}</text>\n");
        }

        svg.Append("<g class=\"axis\">")
            .Append(CultureInfo.InvariantCulture, $"<line x1=\"{Px(axis.Left)}\" y1=\"{Px(axisY)}\" x2=\"{Px(axis.Left + axis.Width)}\" y2=\"{Px(axisY)}\"/>");
        foreach (var (value, label) in ticks)
        {
            var x = axis.X(value);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Px(x)}\" y1=\"{Px(axisY)}\" x2=\"{Px(x)}\" y2=\"{Px(axisY + 5)}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{Px(x)}\" y=\"{Px(axisY + 17)}\" text-anchor=\"middle\">{HtmlPage.Encode(label)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"unit\" x=\"8\" y=\"{Px(axisY + 17)}\">{HtmlPage.Encode(timeline.Unit)}</text></g>\n");

        svg.Append("<g class=\"legend\">");
        foreach (var (outcome, legendX, legendY) in legend)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"legend-item outcome-{TimelineStyle.Token(outcome)}\" data-outcome=\"{HtmlPage.Encode(outcome)}\">")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{Px(legendX + 1)}\" y=\"{Px(legendY - 10)}\" width=\"12\" height=\"12\" rx=\"2\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{Px(legendX + 17)}\" y=\"{Px(legendY)}\">{HtmlPage.Encode(outcome)}</text></g>");
        }

        return svg.Append("</g>\n</svg>\n").ToString();
    }

    /// <summary>The legend: each outcome the bars show, in order of first appearance, placed left to right from <paramref name="top"/>, wrapping at the drawing's width.</summary>
    private static List<(string Outcome, double X, double Y)> Legend(IReadOnlyList<TimelineBar> bars, double top)
    {
        var legend = new List<(string Outcome, double X, double Y)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var (x, y) = (0.0, top);
        foreach (var outcome in bars.Select(b => b.Outcome ?? string.Empty).Where(seen.Add))
        {
            var width = 12 + 5 + (outcome.Length * CharWidth) + 16;
            if (x > 0 && x + width > Width)
            {
                (x, y) = (0, y + 18);
            }

            legend.Add((outcome, x, y));
            x += width;
        }

        return legend;
    }

    /// <summary>The lanes in drawing order with the deepest bar on each: the listed ones (once each), then those only bars name.</summary>
    private static List<(string Lane, int Depth)> Lanes(Timeline timeline)
    {
        var lanes = new List<(string Lane, int Depth)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(string lane, int depth)
        {
            if (index.TryGetValue(lane, out var at))
            {
                lanes[at] = (lane, Math.Max(lanes[at].Depth, depth));
            }
            else
            {
                index[lane] = lanes.Count;
                lanes.Add((lane, depth));
            }
        }

        foreach (var lane in timeline.Lanes)
        {
            Add(lane ?? string.Empty, 0);
        }

        foreach (var bar in timeline.Bars)
        {
            Add(bar.Lane ?? string.Empty, Depth(bar));
        }

        return lanes;
    }

    private static int Depth(TimelineBar bar) => Math.Clamp(bar.Depth, 0, MaxDepth);

    private static string LaneLabel(string lane, double baseline)
    {
        var max = (int)((LabelColumn - 14) / CharWidth);
        var shown = Shorten(lane, max);
        var title = shown.Length == lane.Length ? string.Empty : $"<title>{HtmlPage.Encode(lane)}</title>";
        return string.Create(CultureInfo.InvariantCulture, $"<text class=\"lane-label\" x=\"8\" y=\"{Px(baseline)}\">{title}{HtmlPage.Encode(shown)}</text>");
    }

    private static string Bar(TimelineBar bar, TimelineAxis axis, double laneTop, string unit)
    {
        var depth = Depth(bar);
        var start = TimelineAxis.Finite(bar.Start);
        var duration = TimelineAxis.Length(bar.Duration);
        var x = axis.X(start);
        var width = Math.Max(MinBarWidth, axis.Pixels(duration));
        var y = laneTop + LanePadding + (depth * RowHeight);
        var name = bar.Name ?? string.Empty;
        var outcome = bar.Outcome ?? string.Empty;
        var tooltip = $"{name} ({outcome}): {Span(start, duration, unit)}{(string.IsNullOrEmpty(bar.Detail) ? string.Empty : "\n" + bar.Detail)}";
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<g class=\"bar outcome-{TimelineStyle.Token(outcome)}\" data-lane=\"{HtmlPage.Encode(bar.Lane)}\" data-name=\"{HtmlPage.Encode(name)}\" data-outcome=\"{HtmlPage.Encode(outcome)}\" data-start=\"{Value(start)}\" data-duration=\"{Value(duration)}\" data-depth=\"{depth}\">")
            .Append("<title>").Append(HtmlPage.Encode(tooltip)).Append("</title>")
            .Append(CultureInfo.InvariantCulture, $"<rect x=\"{Px(x)}\" y=\"{Px(y)}\" width=\"{Px(width)}\" height=\"{Px(BarHeight)}\" rx=\"2\"/>");
        if (Fitting(name, outcome, width - 6) is { Length: > 0 } label)
        {
            text.Append(CultureInfo.InvariantCulture, $"<text x=\"{Px(x + 3)}\" y=\"{Px(y + 13)}\">{HtmlPage.Encode(label)}</text>");
        }

        return text.Append("</g>\n").ToString();
    }

    /// <summary>What is written on a bar <paramref name="room"/> pixels wide: name and outcome, the name, the name cut short, or nothing.</summary>
    private static string Fitting(string name, string outcome, double room)
    {
        var chars = (int)(room / CharWidth);
        var both = $"{name} · {outcome}";
        return both.Length <= chars ? both
            : name.Length <= chars ? name
            : chars >= 4 ? Shorten(name, chars)
            : string.Empty;
    }

    /// <summary>Where a bar runs, in words: <c>from 1.5 ms for 2 ms</c>, <c>step 4</c>, <c>steps 4 to 6</c>.</summary>
    private static string Span(double start, double duration, string unit)
    {
        if (unit == "step")
        {
            var first = start + 1;
            var last = start + Math.Max(1, duration);
            return first == last ? $"step {Value(first)}" : $"steps {Value(first)} to {Value(last)}";
        }

        return $"from {Position(start, unit)} for {Position(duration, unit)}";
    }

    /// <summary>A value with its unit: <c>1.5 ms</c>, <c>step 4</c>.</summary>
    private static string Position(double value, string unit) => unit == "step" ? $"step {Value(TimelineAxis.Finite(value) + 1)}" : $"{Value(value)} {unit}";

    private readonly record struct MarkerLabel(TimelineMarker Marker, double X, int Row, bool AnchorEnd);

    /// <summary>Each marker's label placed in the first row where it does not run into another (rows fill from the smallest position).</summary>
    private static List<MarkerLabel> PlaceMarkerLabels(IReadOnlyList<TimelineMarker> markers, TimelineAxis axis)
    {
        var rowEnds = new double[MarkerRows];
        Array.Fill(rowEnds, double.NegativeInfinity);
        var placed = new MarkerLabel[markers.Count];
        var order = Enumerable.Range(0, markers.Count).OrderBy(i => TimelineAxis.Finite(markers[i].At)).ThenBy(i => i);
        foreach (var i in order)
        {
            var marker = markers[i];
            var x = Math.Clamp(axis.X(marker.At), axis.Left, axis.Left + axis.Width);
            var width = (Label(marker, axis).Length * MarkerCharWidth) + 4;
            var anchorEnd = x + 3 + width > Width;
            var from = anchorEnd ? x - 3 - width : x + 3;
            var row = Array.FindIndex(rowEnds, end => end + 4 <= from);
            if (row < 0)
            {
                row = Array.IndexOf(rowEnds, rowEnds.Min());
            }

            rowEnds[row] = from + width;
            placed[i] = new MarkerLabel(marker, x, row, anchorEnd);
        }

        return [.. placed];
    }

    /// <summary>A marker's label as drawn: cut to 40 characters, with an arrow toward where it stands when the scale left it out.</summary>
    private static string Label(TimelineMarker marker, TimelineAxis axis)
    {
        var label = Shorten(marker.Label ?? string.Empty, 40);
        return !axis.OffScale(marker.At) ? label : TimelineAxis.Finite(marker.At) > axis.Max ? label + " →" : "← " + label;
    }

    /// <summary><paramref name="text"/> cut to <paramref name="max"/> characters with an ellipsis (never between the halves of a surrogate pair).</summary>
    internal static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = Math.Max(0, max - 1);
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut] + "…";
    }

    /// <summary>A pixel coordinate: two decimals at most, invariant culture, bounded so that a hostile value cannot make a huge number.</summary>
    private static string Px(double value)
    {
        var bounded = Math.Round(Math.Clamp(TimelineAxis.Finite(value), -1e7, 1e7), 2);
        return (bounded == 0 ? 0 : bounded).ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>A value in the timeline's unit: six decimals at most, invariant culture.</summary>
    private static string Value(double value)
    {
        var rounded = Math.Round(TimelineAxis.Finite(value), 6);
        return TimelineAxis.Number(rounded == 0 ? 0 : rounded);
    }
}
