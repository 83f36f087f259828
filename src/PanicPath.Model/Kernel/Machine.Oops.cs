namespace PanicPath.Model.Kernel;

/// <summary>
/// The oops path: the die chain with <c>DIE_OOPS</c>; crash kexec at once when the oops should crash
/// (<c>panic_on_oops</c> or in interrupt); kmsg dump OOPS; escalation to <c>panic()</c>; otherwise the
/// offending task dies and the kernel goes on.
/// </summary>
public sealed partial class Machine
{
    private void Oops()
    {
        context = "oops";
        Step("die(): oops", string.Empty);
        CallChain(ChainKind.Die, dieOopsSymbol);
        var inInterrupt = Knob(KernelSlots.InInterrupt);
        var panicOnOops = Knob(KernelSlots.PanicOnOops);
        if (inInterrupt || panicOnOops)
        {
            CrashKexec("crash_kexec: the oops should crash");
        }

        KmsgDump(KmsgReason.Oops);
        if (Ended)
        {
            return;
        }

        if (inInterrupt)
        {
            Panic("Fatal exception in interrupt");
        }
        else if (panicOnOops)
        {
            Panic("Fatal exception");
        }
        else
        {
            Step("oops survived: the task is killed", string.Empty);
            Reach(Boundary.EndOfOops, KernelEvents.EndOfOops);
        }
    }
}
