using PanicPath.Panics;

namespace PanicPath.Hosting;

/// <summary>
/// The panic path's options for a hosted application: every <see cref="PanicOptions"/> field, plus
/// what belongs to hosting. Set in code, or bound from a configuration section whose keys are the property
/// names (docs/configuration.md). Validated when the host is built or started (whichever first resolves
/// them): every bad value is named in one <c>OptionsValidationException</c>.
/// </summary>
public sealed class PanicPathOptions : PanicOptions
{
    /// <summary>
    /// A <c>BackgroundService</c> whose task fails raises an oops that escalates to a panic (non-zero
    /// exit) when true, the default; when false the oops is raised and the host's own
    /// <c>BackgroundServiceExceptionBehavior</c> applies.
    /// </summary>
    public bool PanicOnBackgroundServiceFailure { get; set; } = true;

    /// <summary>
    /// At host start the plan verifier checks the registered notifiers and hooks; violations are logged
    /// as warnings, or, when this is true, stop the host from starting.
    /// </summary>
    public bool FailOnPlanViolation { get; set; }

    /// <summary>
    /// Write an in-process dump (<see cref="Dumps.DiagnosticsDumpWriter"/>) at the dump step; arms crash
    /// capture. Its dump type is <c>DumpType.WithHeap</c> (a heap dump); set <see cref="PanicOptions.DumpWriter"/>
    /// to a writer of another type instead. Under <c>panicpath run</c> the dump goes into the supervisor's
    /// dump directory and is the death's only dump (the runtime's own dump at the abort is not written);
    /// otherwise into <see cref="PanicOptions.DumpDirectory"/>.
    /// </summary>
    public bool InProcessDump { get; set; }
}
