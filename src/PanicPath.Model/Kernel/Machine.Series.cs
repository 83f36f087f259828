namespace PanicPath.Model.Kernel;

/// <summary>
/// What the series' variant (v1, patch 23) changes outside <c>panic()</c>, whose body is the <c>series-v1</c>
/// profile: the oops path's <c>kexec_should_crash()</c> asks <c>panic_notifiers_before_kdump()</c>.
/// </summary>
public sealed partial class Machine
{
    /// <summary>
    /// Models the series' <c>panic_notifiers_before_kdump()</c>: false at level 0 (tested first), true with the
    /// deprecated <c>crash_kexec_post_notifiers</c> or any other level.
    /// </summary>
    private bool PanicNotifiersBeforeKdump() => values[KernelSlots.PanicNotifiersLevel] != 0;
}
