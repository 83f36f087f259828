namespace PanicPath.Cli.Timeline;

/// <summary>
/// What a timeline shows: a <see cref="Title"/>, the <see cref="Unit"/> its positions are in (<c>ms</c>, <c>µs</c> or
/// <c>step</c>), its <see cref="Lanes"/> from top to bottom, its <see cref="Bars"/> in the order they are drawn (and
/// appear in the document), and its <see cref="Markers"/> (vertical lines: a deadline, a dump, a panic).
/// Lanes are names and nothing more: a notifier list, a CPU, a CPU's chain; no name means anything to the renderer
/// (<see cref="TimelineSvg"/>). A bar on a lane not listed gets a lane of its own below the listed ones.
/// <para>In code under the <c>PanicPath.Cli</c> namespace the name <c>Timeline</c> alone means this type's namespace:
/// write <c>Timeline.Timeline</c> there (or use <see cref="ReportTimeline"/>, <see cref="TraceTimeline"/> and
/// <see cref="TimelineSvg"/>, which never need the type's name).</para>
/// </summary>
/// <param name="Title">What the timeline is of, shown above it.</param>
/// <param name="Unit">The unit of every start, duration and marker position: <c>ms</c>, <c>µs</c> or <c>step</c>.</param>
/// <param name="Lanes">The lanes, top to bottom.</param>
/// <param name="Bars">The bars, in drawing and document order.</param>
/// <param name="Markers">The markers, in document order.</param>
public sealed record Timeline(string Title, string Unit, IReadOnlyList<string> Lanes, IReadOnlyList<TimelineBar> Bars, IReadOnlyList<TimelineMarker> Markers)
{
    /// <summary>
    /// A position the scale always takes in, whatever the bars (the panic's entry, 0, for a report: its first step may
    /// start well after it); null when the scale is the bars' and the markers' alone.
    /// </summary>
    public double? Origin { get; init; }
}
