namespace PanicPath.Panics;

/// <summary>How far the in-process dump of a death has come, which decides whether the path still aborts for the runtime's dump.</summary>
internal enum InProcessDumpState
{
    /// <summary>Not started (none configured, or its step was skipped).</summary>
    None,

    /// <summary>Being written (its step may have run out of budget while the runtime writes on).</summary>
    Writing,

    /// <summary>Written.</summary>
    Written,

    /// <summary>The writer failed: the runtime's dump at the abort stands in for it.</summary>
    Failed,
}
