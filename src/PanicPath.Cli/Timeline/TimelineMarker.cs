namespace PanicPath.Cli.Timeline;

/// <summary>
/// A vertical line across every lane of a <see cref="Timeline"/> at <see cref="At"/> (in the timeline's unit), of a
/// kind named by <see cref="Name"/> (<c>deadline</c>, <c>dump</c>, <c>panic</c>, <c>oops</c>, <c>nmi</c>,
/// <c>crash-kexec</c>, <c>violation</c>, …: it picks the line's style), with <see cref="Label"/> written at its top.
/// </summary>
/// <param name="Name">The kind of marker.</param>
/// <param name="At">Where it stands, in the timeline's unit.</param>
/// <param name="Label">What is written at its top.</param>
public sealed record TimelineMarker(string Name, double At, string Label);
