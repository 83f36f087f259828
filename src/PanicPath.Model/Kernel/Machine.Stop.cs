namespace PanicPath.Model.Kernel;

/// <summary>
/// Stopping the other CPUs. A CPU in a short interrupts-off critical section (the fault
/// <c>cpu-in-critical-section</c>; <c>spin_lock_irqsave</c>) takes an ordinary IPI only once it has left it:
/// <list type="bullet">
/// <item><c>smp_send_stop()</c> — x86 <c>native_stop_other_cpus</c> (REBOOT_VECTOR IPI, NMI only for a CPU
/// that does not answer within a second) and arm64 (IPI_CPU_STOP): the CPU finishes its critical section,
/// releases the lock, then stops.</item>
/// <item><c>crash_smp_send_stop()</c>'s stops, which the profile chooses per architecture and runs once per boot — x86
/// <c>kdump_nmi_shootdown_cpus</c>: an NMI stops the CPU where it is, holding the lock; arm64 (IPI_CPU_CRASH_STOP, no
/// NMI): as <c>smp_send_stop</c>.</item>
/// </list>
/// A CPU stuck in its critical section (<c>stopped-cpu-holds</c>) never releases the lock, whatever the stop:
/// x86 falls back to the NMI after a second, and on arm64 it never takes the IPI.
/// </summary>
public sealed partial class Machine
{
    /// <summary>Models <c>smp_send_stop()</c> (arch/x86/kernel/smp.c, arch/arm64/kernel/smp.c).</summary>
    private void SmpSendStop(string how) => StopOtherCpus(how, byNmi: false, crash: false);

    /// <summary>
    /// The stop <c>crash_smp_send_stop()</c> sends (the profile decides which, per architecture, and that it runs once):
    /// x86's NMI shootdown (<paramref name="byNmi"/>) or arm64's crash-stop IPI. Their handlers park a CPU without
    /// taking it out of the online mask, and a later <c>smp_send_stop()</c> finds the CPUs parked.
    /// </summary>
    private void CrashStopOtherCpus(string how, bool byNmi)
    {
        if (Ended)
        {
            return;
        }

        crashCpusStopped = true;
        StopOtherCpus(how, byNmi, crash: true);
    }

    /// <summary>
    /// Stops every other running CPU; <paramref name="crash"/> for <c>crash_smp_send_stop()</c>, whose handlers park a
    /// CPU without taking it out of <c>cpu_online_mask</c> (see <c>Machine.Cpus.cs</c>).
    /// </summary>
    private void StopOtherCpus(string how, bool byNmi, bool crash)
    {
        if (Ended)
        {
            return;
        }

        StopWaits(how, byNmi);
        var wasOnline = online;
        var x86 = values[KernelSlots.Arch] == x86Symbol;
        if (!crash && x86 && !crashCpusStopped)
        {
            // x86 native_stop_other_cpus(): whoever does not take the REBOOT_VECTOR IPI (stuck with interrupts off, or
            // spinning in panic_smp_self_stop()) gets the NMI, and every handler ends in stop_this_cpu(), which clears it.
            online &= 1UL << cpu;
        }

        var change = trace is null ? null : new List<string>();
        for (var i = 0; i < cpus.Length; i++)
        {
            if (i == cpu || cpus[i] != CpuState.Running)
            {
                if (change is not null && i != cpu && Offlined(wasOnline, i) is { Length: > 0 } offline)
                {
                    change.Add($"cpu{i}:{offline[1..]}");
                }

                continue;
            }

            // A CPU in its fatal path with interrupts off (a race's): the IPI does not reach it; x86 sends the NMI after
            // a second (native_stop_other_cpus, 6.1 arch/x86/kernel/smp.c:200-225), arm64 gives up and leaves it running.
            var off = i < 64 && (irqsOff & (1UL << i)) != 0;
            if (off && !byNmi && !x86)
            {
                change?.Add($"cpu{i}: does not take the stop IPI (interrupts off), stays running");
                continue;
            }

            var held = trace is null ? null : new List<string>();
            var stuck = false;
            for (var l = 0; l < lockOwner.Length; l++)
            {
                if (lockOwner[l] != i)
                {
                    continue;
                }

                stuck |= !briefHolder;
                held?.Add(scenario.Locks[l]);
                if (!byNmi && briefHolder && !off)
                {
                    lockOwner[l] = -1;
                }
            }

            StopCpu(i);

            // stop_this_cpu() (x86, by the IPI or the NMI fallback) and local_cpu_stop() (arm64, by the IPI, which a CPU
            // stuck with interrupts off never takes) clear it from the online mask; the crash stops' handlers do not.
            if (!crash && (x86 || !stuck))
            {
                SetOffline(i);
            }

            if (change is not null && held is not null)
            {
                var holding = held.Count == 0 ? string.Empty : $" holding {string.Join(", ", held)}";
                change.Add((off && !byNmi ? $"cpu{i}: does not take the IPI (interrupts off), running → stopped by the NMI{holding}"
                    : held.Count == 0 ? $"cpu{i}: running → stopped"
                    : byNmi ? $"cpu{i}: running → stopped by NMI{holding}"
                    : briefHolder ? $"cpu{i}: leaves its critical section ({string.Join(", ", held)} → free), then running → stopped"
                    : $"cpu{i}: running → stopped{holding}") + Offlined(wasOnline, i));
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

    /// <summary>
    /// For the trace of a scenario that speaks of CPUs (<see cref="Scenarios.Scenario.UsesCpus"/>): <c>", offline"</c> when
    /// CPU <paramref name="which"/> was in <paramref name="before"/> and is no longer online; otherwise empty, so the
    /// traces of other scenarios read as they did before the masks.
    /// </summary>
    private string Offlined(ulong before, int which) =>
        scenario.UsesCpus && (before & (1UL << which)) != 0 && !IsOnline(which) ? ", offline" : string.Empty;

    /// <summary><c>panic_smp_self_stop()</c> of CPU <paramref name="which"/>: arm64's <c>local_cpu_stop()</c> takes it offline; x86's generic spin does not.</summary>
    private void SelfStopMask(int which)
    {
        if (values[KernelSlots.Arch] != x86Symbol)
        {
            SetOffline(which);
        }
    }

    private void SetPanicCpu(int which) => values[KernelSlots.PanicCpu] = which;
}
