// Frozen: the C#-coded kernel machine as of commit 984ad30346d7d2c7b74544e55d17364e410a0b83, kept as the baseline of
// the profile interpreter's throughput (bench profile-throughput). Do not change it except to keep it compiling.
using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Actions;
using PanicPath.Model.Scenarios;

namespace PanicPath.Benchmarks.Baseline;

/// <summary>
/// The series' <c>panic()</c> (v1, patches 23–24): four lists and <c>panic_notifiers_level</c>. The level decides
/// which lists run before kdump — 0: none; 1: hypervisor; 2 (default): hypervisor, plus info and the kmsg dump
/// when a kmsg dumper is registered; 3: hypervisor, info and the kmsg dump; 4: hypervisor, info, the kmsg dump
/// and pre_reboot. The deprecated <c>crash_kexec_post_notifiers</c> means level 4, but only when the level is
/// not 0: the level is tested first, so level 0 runs kdump first whatever the flag. Each list runs exactly
/// once, before kdump or after it; post_reboot runs late, once the restart or the final loop is decided.
/// </summary>
public sealed partial class BaselineMachine
{
    /// <summary>
    /// Models the series' <c>panic_notifiers_before_kdump()</c>: false at level 0 (tested first), true with the
    /// deprecated <c>crash_kexec_post_notifiers</c> or any other level.
    /// </summary>
    private bool PanicNotifiersBeforeKdump() => values[KernelSlots.PanicNotifiersLevel] != 0;

    /// <summary>The effective level: the level, or 4 when the deprecated flag is set and the level is not 0.</summary>
    private int EffectiveLevel()
    {
        var level = values[KernelSlots.PanicNotifiersLevel];
        return level != 0 && Knob(KernelSlots.CrashKexecPostNotifiers) ? 4 : level;
    }

    /// <summary>Models the body of the series' <c>panic()</c> after the panic_cpu claim.</summary>
    private void SeriesSequence()
    {
        // order_panic_notifiers_and_kdump() and "if (!panic_notifiers_level)" read the level and the deprecated flag
        // once, as panic() starts (series v1 patch 23); a notifier that writes them changes only a nested panic().
        var level = EffectiveLevel();
        var dumper = chains[ChainKind.KmsgDump].Count > 0;
        var hypervisorEarly = level >= 1;
        var infoEarly = level >= 3 || (level == 2 && dumper);
        var preRebootEarly = level >= 4;
        Step($"panic_notifiers_level {level}: before kdump: {Describe(hypervisorEarly, infoEarly, preRebootEarly)}", string.Empty);

        if (!hypervisorEarly)
        {
            CrashKexec("__crash_kexec before the lists");
            PanicPrintBacktrace();
            SmpSendStop("smp_send_stop");
        }
        else
        {
            PanicPrintBacktrace();
            CrashSmpSendStop("crash_smp_send_stop");
            RunLists(true, infoEarly, preRebootEarly);
            CrashKexec("__crash_kexec after the early lists");
        }

        RunLists(!hypervisorEarly, !infoEarly, !preRebootEarly);
        PanicEnd();
    }

    private void RunLists(bool hypervisor, bool infoAndDump, bool preReboot)
    {
        if (hypervisor)
        {
            CallChain(ChainKind.Hypervisor, panicSymbol);
        }

        if (infoAndDump)
        {
            CallChain(ChainKind.Info, panicSymbol);
            PanicPrintSysInfo();
            KmsgDump(KmsgReason.Panic);
        }

        if (preReboot)
        {
            CallChain(ChainKind.PreReboot, panicSymbol);
        }
    }

    private static string Describe(bool hypervisor, bool info, bool preReboot)
    {
        var parts = new List<string>();
        if (hypervisor)
        {
            parts.Add("hypervisor");
        }

        if (info)
        {
            parts.Add("info, kmsg_dump");
        }

        if (preReboot)
        {
            parts.Add("pre_reboot");
        }

        return parts.Count == 0 ? "nothing" : string.Join(", ", parts);
    }
}
