namespace PanicPath.Reports;

/// <summary>
/// The in-process dump step of a crash report (version 2): when it started, in milliseconds from the
/// panic's entry, how long it took, its outcome (<c>ran</c>, <c>threw</c>, <c>timed-out</c>,
/// <c>skipped</c>, <c>abandoned</c>, as a notifier's) and the dump file it wrote (null when it wrote none).
/// </summary>
public sealed class DumpStep
{
    /// <summary>Milliseconds from the panic's entry to the step's hand-off.</summary>
    public double StartMs { get; set; }

    /// <summary>Milliseconds from hand-off to completion or abandonment.</summary>
    public double Ms { get; set; }

    /// <summary>What happened to it.</summary>
    public string Outcome { get; set; } = string.Empty;

    /// <summary>The dump file it wrote, when it wrote one.</summary>
    public string? Path { get; set; }
}
