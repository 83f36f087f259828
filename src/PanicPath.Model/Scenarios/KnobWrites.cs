using PanicPath.Model.Kernel;

namespace PanicPath.Model.Scenarios;

/// <summary>
/// Which kernel knobs may be written once the system runs, and by whom, as Linux 6.1 allows it
/// (kernel/panic.c, kernel/sysctl.c, kernel/kexec.c): the panic sysctls and core parameters are plain globals
/// that an administrator writes through <c>/proc/sys/kernel</c> or <c>/sys/module/kernel/parameters</c> and
/// kernel code may assign directly (as <c>hv_common_init()</c> assigns <c>crash_kexec_post_notifiers</c>);
/// a crash kernel is loaded or unloaded only by the <c>kexec_load</c>/<c>kexec_file_load</c> system call, from
/// user space; the architecture, the oops's context and task, and the <c>oops_limit</c> count describe the
/// machine and the fault, not a setting. Setup (boot) may set every knob.
/// </summary>
public static class KnobWrites
{
    private const string Sysctls = "panic_timeout, panic_on_oops, panic_on_warn, panic_print, crash_kexec_post_notifiers";

    /// <summary>
    /// Why <paramref name="knob"/> may not be written at <paramref name="site"/> on a kernel whose profile reads
    /// <c>panic_notifiers_level</c> (<paramref name="notifiersLevel"/>) or not, as the end of a located error
    /// ("expected …, not 'knob': why"); null when the kernel allows the write.
    /// </summary>
    public static string? Refusal(string knob, WriteSite site, bool notifiersLevel)
    {
        if (site == WriteSite.Setup)
        {
            return null;
        }

        var why = knob switch
        {
            "panic_timeout" or "panic_on_oops" or "panic_on_warn" or "panic_print" or "crash_kexec_post_notifiers" => null,
            "panic_notifiers_level" => notifiersLevel
                ? null
                : "panic_notifiers_level is the series' core parameter; this kernel has none (use kernel: series-v1)",
            "kexec_crash_loaded" => site == WriteSite.AfterBoot
                ? null
                : "a crash kernel is loaded or unloaded only by the kexec_load/kexec_file_load system call (kernel/kexec.c), from user space, which kernel code on a chain cannot make; write it in after-boot",
            "arch" => "the architecture is the machine's, fixed at boot",
            "in_interrupt" => "in_interrupt is the context the oops strikes in, not a setting",
            "task" => "task is the task that oopses, not a setting",
            "oops_limit_reached" => "oops_limit_reached says this oops is the oops_limit-th, which only oopses make true",
            _ => "only the kernel's knobs are checked here",
        };
        return why is null ? null : $"{Expected(site, notifiersLevel)}, not '{knob}': {why}";
    }

    /// <summary>What a write at <paramref name="site"/> may assign, for error messages; <paramref name="notifiersLevel"/> as for <see cref="Refusal"/>.</summary>
    public static string Expected(WriteSite site, bool notifiersLevel)
    {
        var series = notifiersLevel ? ", panic_notifiers_level" : string.Empty;
        return site switch
        {
            WriteSite.Setup => "a state variable, a feature or a kernel knob to assign",
            WriteSite.AfterBoot => $"a state variable, a feature or a knob the running system may change ({Sysctls}{series}, kexec_crash_loaded)",
            _ => $"a state variable, a feature or a knob kernel code may write ({Sysctls}{series})",
        };
    }
}
