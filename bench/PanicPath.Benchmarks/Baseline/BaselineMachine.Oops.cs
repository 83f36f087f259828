// Frozen: the C#-coded kernel machine as of commit 984ad30346d7d2c7b74544e55d17364e410a0b83, kept as the baseline of
// the profile interpreter's throughput (bench profile-throughput). Do not change it except to keep it compiling.
using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Actions;
using PanicPath.Model.Scenarios;

namespace PanicPath.Benchmarks.Baseline;

/// <summary>
/// The oops path, x86 <c>die()</c>/<c>oops_end()</c> (arch/x86/kernel/dumpstack.c) and arm64 <c>die()</c>
/// (arch/arm64/kernel/traps.c): the die chain with <c>DIE_OOPS</c>; <c>crash_kexec()</c> when
/// <c>kexec_should_crash()</c>; <c>oops_exit()</c>'s kmsg dump OOPS; then the escalations. A die notifier
/// answering <c>NOTIFY_STOP</c> makes x86 return without panicking, while arm64 still panics in interrupt or
/// with <c>panic_on_oops</c> (and only skips <c>make_task_dead</c>); otherwise <c>make_task_dead()</c> kills the
/// task, which may itself escalate.
/// </summary>
public sealed partial class BaselineMachine
{
    /// <summary>Models <c>die()</c> on the running architecture.</summary>
    private void Oops()
    {
        context = "oops";
        Step("die(): oops", string.Empty);
        var stopped = CallChain(ChainKind.Die, dieOopsSymbol);
        if (Ended)
        {
            return;
        }

        if (stopped)
        {
            Step("notify_die(DIE_OOPS) returned NOTIFY_STOP", string.Empty);
        }

        if (KexecShouldCrash(out var why))
        {
            CrashKexecFromOops(why);
        }

        KmsgDump(KmsgReason.Oops);
        if (Ended)
        {
            return;
        }

        var x86 = values[KernelSlots.Arch] == x86Symbol;
        if (stopped && x86)
        {
            Step("oops_end: signr 0 after NOTIFY_STOP, returns without panicking", string.Empty);
            Reach(Boundary.EndOfOops, KernelEvents.EndOfOops);
            return;
        }

        // oops_end(): "if (panic_on_oops)" after the die chain (6.1 arch/x86/kernel/dumpstack.c:399; arm64
        // arch/arm64/kernel/traps.c:232), so a die notifier that sets panic_on_oops makes this oops panic.
        if (Knob(KernelSlots.InInterrupt))
        {
            Panic("Fatal exception in interrupt");
        }
        else if (Knob(KernelSlots.PanicOnOops))
        {
            Panic("Fatal exception");
        }
        else if (stopped)
        {
            Step("die: NOTIFY_STOP, make_task_dead is not called; the kernel goes on", string.Empty);
            Reach(Boundary.EndOfOops, KernelEvents.EndOfOops);
        }
        else
        {
            MakeTaskDead();
        }
    }

    /// <summary>
    /// Models <c>kexec_should_crash()</c> (kernel/kexec_core.c): never when the notifiers must run before kdump
    /// (mainline: <c>crash_kexec_post_notifiers</c>; the series: <c>panic_notifiers_before_kdump()</c>);
    /// otherwise in interrupt, for the idle task or init, or with <c>panic_on_oops</c>.
    /// </summary>
    private bool KexecShouldCrash(out string why)
    {
        why = string.Empty;
        // kexec_should_crash(): "if (crash_kexec_post_notifiers) return 0;" then "... || panic_on_oops" (6.1
        // kernel/kexec_core.c:81, :87), called by oops_end() after the die chain (x86 dumpstack.c:379, arm64 traps.c:223).
        if (scenario.Variant().IsSeries() ? PanicNotifiersBeforeKdump() : Knob(KernelSlots.CrashKexecPostNotifiers))
        {
            Step(scenario.Variant().IsSeries()
                ? "kexec_should_crash: 0, panic_notifiers_before_kdump() (kdump waits for panic())"
                : "kexec_should_crash: 0, crash_kexec_post_notifiers (kdump waits for panic())", string.Empty);
            return false;
        }

        var task = values[KernelSlots.Task];
        why = Knob(KernelSlots.InInterrupt) ? "in interrupt"
            : task == idleSymbol ? "the idle task"
            : task == initSymbol ? "init"
            : Knob(KernelSlots.PanicOnOops) ? "panic_on_oops"
            : string.Empty;
        return why.Length > 0;
    }

    /// <summary>
    /// Models <c>make_task_dead()</c> and <c>do_exit()</c> (kernel/exit.c): in interrupt or for the idle task it
    /// panics; in 6.1 the <c>oops_limit</c>-th oops panics; killing init panics; otherwise the task dies.
    /// </summary>
    private void MakeTaskDead()
    {
        var task = values[KernelSlots.Task];
        if (Knob(KernelSlots.InInterrupt))
        {
            Panic("Aiee, killing interrupt handler!");
        }
        else if (task == idleSymbol)
        {
            Panic("Attempted to kill the idle task!");
        }
        else if (scenario.Variant() == KernelVariant.Mainline61 && Knob(KernelSlots.OopsLimitReached))
        {
            Panic("Oopsed too often (kernel.oops_limit is 10000)");
        }
        else if (task == initSymbol)
        {
            Step("make_task_dead: do_exit of init", string.Empty);
            Panic("Attempted to kill init! exitcode=0x0000000b");
        }
        else
        {
            Step("make_task_dead: the task is killed, the kernel goes on", string.Empty);
            Reach(Boundary.EndOfOops, KernelEvents.EndOfOops);
        }
    }
}
