namespace PanicPath.Model.Kernel.Profiles;

/// <summary>Which of <c>panic_print</c>'s outputs a <c>panic-print:</c> step makes.</summary>
public enum PanicPrintPart
{
    /// <summary>0x40: <c>trigger_all_cpu_backtrace()</c> before the other CPUs stop.</summary>
    Backtrace,

    /// <summary>0x01–0x10: <c>panic_print_sys_info(false)</c> before the kmsg dump.</summary>
    SysInfo,

    /// <summary>0x20: <c>console_flush_on_panic(CONSOLE_REPLAY_ALL)</c> after the console flush.</summary>
    Replay,
}
