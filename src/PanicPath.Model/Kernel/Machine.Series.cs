namespace PanicPath.Model.Kernel;

/// <summary>
/// The series' <c>panic()</c>: four lists and <c>panic_notifiers_level</c>. The level decides which lists run
/// before kdump — 0: none; 1: hypervisor; 2 (default): hypervisor, plus info and the kmsg dump when a kmsg
/// dumper is registered; 3: hypervisor, info and the kmsg dump; 4 (what <c>crash_kexec_post_notifiers</c>
/// sets): hypervisor, info, the kmsg dump and pre_reboot. Each list runs exactly once, before kdump or after
/// it; post_reboot always runs late, after the console flush.
/// </summary>
public sealed partial class Machine
{
    private void SeriesSequence()
    {
        var level = Knob(KernelSlots.CrashKexecPostNotifiers) ? 4 : values[KernelSlots.PanicNotifiersLevel];
        var dumper = chains[ChainKind.KmsgDump].Count > 0;
        var hypervisorEarly = level >= 1;
        var infoEarly = level >= 3 || (level == 2 && dumper);
        var preRebootEarly = level >= 4;
        Step($"panic_notifiers_level {level}: before kdump: {Describe(hypervisorEarly, infoEarly, preRebootEarly)}", string.Empty);

        if (!hypervisorEarly)
        {
            CrashKexec("__crash_kexec before the lists");
            StopOtherCpus("smp_send_stop");
        }
        else
        {
            StopOtherCpus("crash_smp_send_stop");
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
