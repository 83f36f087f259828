namespace PanicPath.Model.Kernel;

/// <summary>
/// Stopping the other CPUs. A CPU in a short interrupts-off critical section (the fault
/// <c>cpu-in-critical-section</c>; <c>spin_lock_irqsave</c>) takes an ordinary IPI only once it has left it:
/// <list type="bullet">
/// <item><c>smp_send_stop()</c> — x86 <c>native_stop_other_cpus</c> (REBOOT_VECTOR IPI, NMI only for a CPU
/// that does not answer within a second) and arm64 (IPI_CPU_STOP): the CPU finishes its critical section,
/// releases the lock, then stops.</item>
/// <item><c>crash_smp_send_stop()</c> — x86 <c>kdump_nmi_shootdown_cpus</c>: an NMI stops the CPU where it is,
/// holding the lock; arm64 (IPI_CPU_CRASH_STOP, no NMI): as <c>smp_send_stop</c>. Runs once per boot.</item>
/// </list>
/// A CPU stuck in its critical section (<c>stopped-cpu-holds</c>) never releases the lock, whatever the stop:
/// x86 falls back to the NMI after a second, and on arm64 it never takes the IPI.
/// </summary>
public sealed partial class Machine
{
    /// <summary>Models <c>smp_send_stop()</c> (arch/x86/kernel/smp.c, arch/arm64/kernel/smp.c).</summary>
    private void SmpSendStop(string how) => StopOtherCpus(how, byNmi: false);

    /// <summary>Models <c>crash_smp_send_stop()</c> (arch/x86/kernel/crash.c, arch/arm64/kernel/smp.c).</summary>
    private void CrashSmpSendStop(string how)
    {
        if (Ended)
        {
            return;
        }

        if (crashCpusStopped)
        {
            Step($"{how}: already done once, returns", string.Empty);
            return;
        }

        crashCpusStopped = true;
        StopOtherCpus(how, byNmi: values[KernelSlots.Arch] == x86Symbol);
    }

    private void StopOtherCpus(string how, bool byNmi)
    {
        if (Ended)
        {
            return;
        }

        StopWaits(how, byNmi);
        var change = trace is null ? null : new List<string>();
        for (var i = 0; i < cpus.Length; i++)
        {
            if (i == cpu || cpus[i] != CpuState.Running)
            {
                continue;
            }

            var held = trace is null ? null : new List<string>();
            for (var l = 0; l < lockOwner.Length; l++)
            {
                if (lockOwner[l] != i)
                {
                    continue;
                }

                held?.Add(scenario.Locks[l]);
                if (!byNmi && briefHolder)
                {
                    lockOwner[l] = -1;
                }
            }

            StopCpu(i);
            if (change is not null && held is not null)
            {
                change.Add(held.Count == 0 ? $"cpu{i}: running → stopped"
                    : byNmi ? $"cpu{i}: running → stopped by NMI holding {string.Join(", ", held)}"
                    : briefHolder ? $"cpu{i}: leaves its critical section ({string.Join(", ", held)} → free), then running → stopped"
                    : $"cpu{i}: running → stopped holding {string.Join(", ", held)}");
            }
        }

        Step($"{how}{(byNmi ? " (NMI)" : " (IPI)")}", change is null ? string.Empty : string.Join("; ", change));
        Emit(KernelEvents.StopOtherCpus, string.Empty);
    }

    private void StopCpu(int which)
    {
        cpus[which] = CpuState.Stopped;
        values[KernelSlots.StoppedCpus]++;
    }

    private void SetPanicCpu(int which)
    {
        panicCpu = which;
        values[KernelSlots.PanicCpu] = which;
    }
}
