namespace PanicPath.Model.Kernel;

/// <summary>The other ways into <c>panic()</c>: a warning with <c>panic_on_warn</c>, and <c>nmi_panic()</c>.</summary>
public sealed partial class Machine
{
    /// <summary>
    /// Models <c>__warn()</c> and <c>check_panic_on_warn()</c> (kernel/panic.c): with <c>panic_on_warn</c> the
    /// warning is a panic; otherwise the kernel goes on.
    /// </summary>
    private void Warn()
    {
        context = "warn";
        Step("__warn: WARNING", string.Empty);
        // check_panic_on_warn(): "if (panic_on_warn)" (6.1 kernel/panic.c:234).
        if (Knob(KernelSlots.PanicOnWarn))
        {
            Panic("kernel: panic_on_warn set ...");
            return;
        }

        Step("check_panic_on_warn: panic_on_warn is 0, the kernel goes on", string.Empty);
        Reach(Boundary.EndOfWarn, KernelEvents.EndOfWarn);
    }

    /// <summary>
    /// Models <c>nmi_panic()</c> (kernel/panic.c): the CPU that claims <c>panic_cpu</c> panics; a CPU that finds
    /// another one in panic stops itself (<c>nmi_panic_self_stop</c>); the panicking CPU itself returns.
    /// </summary>
    private void NmiPanic(string message)
    {
        context = "nmi";
        if (panicCpu < 0)
        {
            Step("nmi_panic: panic_cpu is free", string.Empty);
            Panic(message);
        }
        else if (panicCpu != cpu)
        {
            var wasOnline = online;
            StopCpu(cpu);
            SelfStopMask(cpu);
            Step($"nmi_panic: panic_cpu is cpu{panicCpu}: nmi_panic_self_stop", $"cpu{cpu}: running → stopped{Offlined(wasOnline, cpu)}");
        }
        else
        {
            Step("nmi_panic: already panicking on this CPU, returns", string.Empty);
        }
    }
}
