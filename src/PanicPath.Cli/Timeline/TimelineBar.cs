namespace PanicPath.Cli.Timeline;

/// <summary>
/// One bar of a <see cref="Timeline"/>: something that ran on <see cref="Lane"/> from <see cref="Start"/> for
/// <see cref="Duration"/> (both in the timeline's unit; a bar of no duration is drawn at its place with a small
/// visible width), with an <see cref="Outcome"/> (<c>ran</c>, <c>threw</c>, <c>timed-out</c>, <c>skipped</c>,
/// <c>abandoned</c>, <c>nested</c>, <c>dump</c>, <c>step</c>, <c>hung</c>, …: it picks the bar's colour and line
/// style and is written on the bar and in the legend). <see cref="Depth"/> 0 is a top-level bar; a deeper bar (a panic
/// raised inside a notifier) is drawn under the bars above it on the same lane. <see cref="Detail"/> is the tooltip.
/// </summary>
/// <param name="Lane">The lane it runs on.</param>
/// <param name="Name">What ran (a notifier's name, a callback, a kernel step).</param>
/// <param name="Start">Where it starts, in the timeline's unit.</param>
/// <param name="Duration">How long it took, in the timeline's unit.</param>
/// <param name="Outcome">What became of it.</param>
/// <param name="Depth">0 at top level; 1 and more for what happened inside another bar.</param>
/// <param name="Detail">The tooltip's text after the name, when there is more to say.</param>
public sealed record TimelineBar(string Lane, string Name, double Start, double Duration, string Outcome, int Depth = 0, string? Detail = null);
