namespace PanicPath.Model.Kernel;

/// <summary>
/// Crash kexec: nothing when no crash kernel is loaded (<c>kexec_crash_loaded()</c> false); otherwise
/// <c>machine_crash_shutdown</c> — on x86_64 the drivers' crash-shutdown hook (machine_ops), on other
/// architectures none — then the other CPUs are stopped and the crash kernel boots, which never returns.
/// </summary>
public sealed partial class Machine
{
    private void CrashKexec(string why)
    {
        if (Ended)
        {
            return;
        }

        if (!Knob(KernelSlots.KexecCrashLoaded))
        {
            Step($"{why}: no crash kernel loaded, returns", string.Empty);
            return;
        }

        Step($"{why}: machine_crash_shutdown", string.Empty);
        CallChain(ChainKind.CrashShutdown, panicSymbol);
        StopOtherCpus("machine_crash_shutdown stops the other CPUs");
        if (Ended)
        {
            return;
        }

        Step("machine_kexec: the crash kernel boots", string.Empty);
        Reach(Boundary.CrashKernelBoot, KernelEvents.CrashKernelBoot);
    }
}
