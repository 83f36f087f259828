using PanicPath.Model.Scenarios.Actions;

namespace PanicPath.Model.Kernel;

/// <summary>
/// The entry of <c>panic()</c>, whose body the scenario's kernel profile gives, and the parts of it the profile calls as
/// primitives: <c>panic_print</c>'s outputs and <c>kmsg_dump()</c>.
/// </summary>
public sealed partial class Machine
{
    /// <summary>
    /// <c>panic()</c> on the running CPU: the first CPU to arrive wins the panic entry; a second CPU stops
    /// itself; the same CPU, nested, goes on through the whole sequence again.
    /// </summary>
    private void Panic(string message)
    {
        if (Ended)
        {
            return;
        }

        var savedContext = context;
        var savedCallback = callback;
        context = "panic()";
        callback = string.Empty;
        if (++panicDepth > MaxPanicDepth)
        {
            Hang("panics again and again inside its own panic path");
            return;
        }

        panicMessage = message;
        var flow = ScenarioAction.ExecuteAll(scenario.Profile.Panic, this);
        if (flow == Flow.Return && !Ended && PanicCpuOwner != cpu)
        {
            // panic_smp_self_stop(): this CPU stopped itself in the claim; nothing of it runs any more.
            return;
        }

        context = savedContext;
        callback = savedCallback;
    }

    /// <summary>Models <c>panic_other_cpus_shutdown()</c>'s <c>PANIC_PRINT_ALL_CPU_BT</c> (0x40): all CPUs' backtraces before they stop.</summary>
    private void PanicPrintBacktrace()
    {
        // panic_other_cpus_shutdown(): "if (panic_print & PANIC_PRINT_ALL_CPU_BT)" (6.1 kernel/panic.c:250).
        if (!Ended && (values[KernelSlots.PanicPrint] & 0x40) != 0)
        {
            Step("panic_print 0x40: trigger_all_cpu_backtrace", string.Empty);
        }
    }

    /// <summary>Models <c>panic_print_sys_info(false)</c>: what <c>panic_print</c> asks to print before the kmsg dump.</summary>
    private void PanicPrintSysInfo()
    {
        // panic_print_sys_info(false) reads panic_print after the notifiers (6.1 kernel/panic.c:214-227, called at :368).
        var bits = values[KernelSlots.PanicPrint];
        if (Ended || (bits & 0x1F) == 0)
        {
            return;
        }

        string[] what = ["show_state", "show_mem", "sysrq_timer_list_show", "debug_show_all_locks", "ftrace_dump"];
        var parts = Enumerable.Range(0, what.Length).Where(i => (bits & (1 << i)) != 0).Select(i => what[i]);
        Step($"panic_print_sys_info: {string.Join(", ", parts)}", string.Empty);
    }

    /// <summary>Models <c>panic_print_sys_info(true)</c>: 0x20 replays the whole log after the console flush.</summary>
    private void PanicPrintReplay()
    {
        // panic_print_sys_info(true): "if (panic_print & PANIC_PRINT_ALL_PRINTK_MSG)" (6.1 kernel/panic.c:209, called at :397).
        if (!Ended && (values[KernelSlots.PanicPrint] & 0x20) != 0)
        {
            Step("panic_print 0x20: console_flush_on_panic(CONSOLE_REPLAY_ALL)", string.Empty);
            Emit(KernelEvents.ConsoleFlush, string.Empty);
        }
    }

    private void KmsgDump(KmsgReason reason)
    {
        if (Ended)
        {
            return;
        }

        Step($"kmsg_dump({reason.ToString().ToUpperInvariant()})", string.Empty);
        Emit(KernelEvents.KmsgDump, string.Empty);
        CallChain(ChainKind.KmsgDump, panicSymbol, reason);
    }
}
