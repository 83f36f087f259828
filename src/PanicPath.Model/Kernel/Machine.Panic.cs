using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Kernel;

/// <summary>The entry of <c>panic()</c> and the mainline sequence after it.</summary>
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

        if (panicCpu < 0)
        {
            panicCpu = cpu;
            Step($"panic: {message}", $"panic_cpu: none → cpu{cpu}");
            Emit(KernelEvents.PanicEntry, string.Empty);
        }
        else if (panicCpu != cpu)
        {
            Step($"panic: {message}; panic_cpu is cpu{panicCpu}: panic_smp_self_stop", $"cpu{cpu}: running → stopped");
            cpus[cpu] = CpuState.Stopped;
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

            cpus[other] = CpuState.Stopped;
        }

        if (scenario.Variant == KernelVariant.Mainline)
        {
            MainlineSequence();
        }
        else
        {
            SeriesSequence();
        }

        context = savedContext;
        callback = savedCallback;
    }

    private void MainlineSequence()
    {
        var post = Knob(KernelSlots.CrashKexecPostNotifiers);
        if (!post)
        {
            CrashKexec("__crash_kexec before the notifiers");
            StopOtherCpus("smp_send_stop");
        }
        else
        {
            StopOtherCpus("crash_smp_send_stop");
        }

        CallChain(ChainKind.Panic, panicSymbol);
        KmsgDump(KmsgReason.Panic);
        if (post)
        {
            CrashKexec("__crash_kexec after the notifiers (crash_kexec_post_notifiers)");
        }

        PanicEnd();
    }

    /// <summary>Console flush, then the panic timeout: emergency restart, or the final loop.</summary>
    private void PanicEnd()
    {
        if (Ended)
        {
            return;
        }

        Step("console_flush_on_panic", string.Empty);
        Emit(KernelEvents.ConsoleFlush, string.Empty);
        if (scenario.Variant == KernelVariant.Series)
        {
            CallChain(ChainKind.PostReboot, panicSymbol);
            if (Ended)
            {
                return;
            }
        }

        var timeout = values[KernelSlots.PanicTimeout];
        if (timeout != 0)
        {
            Step($"panic_timeout {timeout}: emergency_restart", string.Empty);
            CallChain(ChainKind.Restart, panicSymbol);
            if (!Ended)
            {
                Reach(Boundary.Restart, KernelEvents.Restart);
            }
        }
        else
        {
            Step("panic_timeout 0: loops forever with interrupts off", string.Empty);
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

    private void StopOtherCpus(string how)
    {
        if (Ended)
        {
            return;
        }

        var change = trace is null ? null : new List<string>();
        for (var i = 0; i < cpus.Length; i++)
        {
            if (i != cpu && cpus[i] == CpuState.Running)
            {
                cpus[i] = CpuState.Stopped;
                if (change is not null)
                {
                    var held = Enumerable.Range(0, lockOwner.Length).Where(l => lockOwner[l] == i).Select(l => scenario.Locks[l]).ToList();
                    change.Add($"cpu{i}: running → stopped{(held.Count > 0 ? " holding " + string.Join(", ", held) : string.Empty)}");
                }
            }
        }

        Step(how, change is null ? string.Empty : string.Join("; ", change));
        Emit(KernelEvents.StopOtherCpus, string.Empty);
    }
}
