// Frozen: the C#-coded kernel machine as of commit 984ad30346d7d2c7b74544e55d17364e410a0b83, kept as the baseline of
// the profile interpreter's throughput (bench profile-throughput). Do not change it except to keep it compiling.
using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Actions;
using PanicPath.Model.Scenarios;

namespace PanicPath.Benchmarks.Baseline;

/// <summary>The entry of <c>panic()</c> and the mainline sequence after it.</summary>
public sealed partial class BaselineMachine
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

        // panic(): "if (panic_on_warn) panic_on_warn = 0;" (6.1 kernel/panic.c:284-292), so a WARN on the panic path
        // does not panic again; a callback that reads or sets panic_on_warn sees it cleared.
        if (Knob(KernelSlots.PanicOnWarn))
        {
            Step("panic_on_warn = 0", "panic_on_warn: true → false");
            values[KernelSlots.PanicOnWarn] = 0;
        }

        // panic(): atomic_cmpxchg(&panic_cpu, PANIC_CPU_INVALID, this_cpu)
        if (panicCpu < 0)
        {
            SetPanicCpu(cpu);
            Step($"panic: {message}", $"panic_cpu: none → cpu{cpu}");
            Emit(KernelEvents.PanicEntry, string.Empty);
            if (Ended)
            {
                context = savedContext;
                callback = savedCallback;
                return;
            }
        }
        else if (panicCpu != cpu)
        {
            // panic_smp_self_stop()
            Step($"panic: {message}; panic_cpu is cpu{panicCpu}: panic_smp_self_stop", $"cpu{cpu}: running → stopped");
            StopCpu(cpu);
            return;
        }
        else
        {
            Step($"nested panic on the panicking CPU: {message}; goes on", string.Empty);
        }

        if (fault.Kind == FaultKind.SecondCpuPanics && !faultFired && cpus.Length > 1)
        {
            faultFired = true;
            var other = (cpu + 1) % cpus.Length;
            if (trace is not null)
            {
                Record(other, "panic()", string.Empty, $"fault: panic on cpu{other} as well; panic_cpu is cpu{cpu}: panic_smp_self_stop", $"cpu{other}: running → stopped");
            }

            StopCpu(other);
        }

        if (scenario.Variant().IsSeries())
        {
            SeriesSequence();
        }
        else
        {
            MainlineSequence();
        }

        context = savedContext;
        callback = savedCallback;
    }

    /// <summary>Models the body of mainline <c>panic()</c> (kernel/panic.c, 5.18 and 6.1) after the panic_cpu claim.</summary>
    private void MainlineSequence()
    {
        // "bool _crash_kexec_post_notifiers = crash_kexec_post_notifiers;" (6.1 kernel/panic.c:282, 5.18 alike): read
        // once as panic() starts; both __crash_kexec calls (:357, :381) and the stop (:360) use that copy, so a panic
        // notifier that sets the knob changes only a later (nested) panic() and the oops path's kexec_should_crash().
        var post = Knob(KernelSlots.CrashKexecPostNotifiers);
        if (!post)
        {
            CrashKexec("__crash_kexec before the notifiers");
        }

        // panic_other_cpus_shutdown()
        PanicPrintBacktrace();
        if (!post)
        {
            SmpSendStop("smp_send_stop");
        }
        else
        {
            CrashSmpSendStop("crash_smp_send_stop");
        }

        CallChain(ChainKind.Panic, panicSymbol);
        PanicPrintSysInfo();
        KmsgDump(KmsgReason.Panic);
        if (post)
        {
            CrashKexec("__crash_kexec after the notifiers (crash_kexec_post_notifiers)");
        }

        PanicEnd();
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

    /// <summary>
    /// The end of <c>panic()</c>: <c>console_flush_on_panic</c>, <c>panic_print_sys_info(true)</c> (0x20 replays the
    /// whole log), then the panic timeout: <c>emergency_restart()</c>, or the final loop. In the series (patch 24)
    /// the post_reboot list runs once the restart (or the final loop) is decided, just before it.
    /// </summary>
    private void PanicEnd()
    {
        if (Ended)
        {
            return;
        }

        Step("console_flush_on_panic", string.Empty);
        Emit(KernelEvents.ConsoleFlush, string.Empty);
        // panic_print_sys_info(true): "if (panic_print & PANIC_PRINT_ALL_PRINTK_MSG)" (6.1 kernel/panic.c:209, called at :397).
        if (!Ended && (values[KernelSlots.PanicPrint] & 0x20) != 0)
        {
            Step("panic_print 0x20: console_flush_on_panic(CONSOLE_REPLAY_ALL)", string.Empty);
            Emit(KernelEvents.ConsoleFlush, string.Empty);
        }

        if (Ended)
        {
            return;
        }

        // "if (panic_timeout > 0)" / "if (panic_timeout != 0) emergency_restart()" (6.1 kernel/panic.c:402, :418): read
        // at the very end, so a notifier (or anything before) that sets it decides the restart.
        var timeout = values[KernelSlots.PanicTimeout];
        Step(timeout == 0 ? "panic_timeout 0: no restart decided, the final loop" : $"panic_timeout {timeout}: emergency_restart decided", string.Empty);
        if (scenario.Variant().IsSeries())
        {
            CallChain(ChainKind.PostReboot, panicSymbol);
            if (Ended)
            {
                return;
            }
        }

        if (timeout != 0)
        {
            Step("emergency_restart", string.Empty);
            CallChain(ChainKind.Restart, panicSymbol);
            if (!Ended)
            {
                Reach(Boundary.Restart, KernelEvents.Restart);
            }
        }
        else
        {
            Step("loops forever with interrupts off", string.Empty);
            Reach(Boundary.EndOfPanic, KernelEvents.EndOfPanic);
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
