namespace PanicPath.Model.Kernel;

/// <summary>
/// The model clock: simulated time on the fatal path, in microseconds (<see cref="Duration"/>). It reads 0 until the
/// entry point runs (boot, setup and <c>after-boot:</c> are not the fatal path and take no time) and then advances
/// only through the steps that take time:
/// <list type="bullet">
/// <item><c>panic()</c>'s panic timeout: <c>panic_timeout</c> seconds of <c>mdelay(PANIC_TIMER_STEP)</c> before
/// <c>emergency_restart()</c> (6.1 kernel/panic.c:402-416); none when it is 0 (the final loop) or negative (at once).</item>
/// <item>Stopping the other CPUs, when one of them does not take the IPI: x86 <c>native_stop_other_cpus()</c> waits
/// up to a second for the REBOOT_VECTOR IPI, then sends the NMI and waits up to 10 ms more (6.1
/// arch/x86/kernel/smp.c:200-225); arm64 <c>smp_send_stop()</c> and <c>crash_smp_send_stop()</c> wait up to a second
/// (arch/arm64/kernel/smp.c:1021, :1064) and go on. x86 <c>crash_smp_send_stop()</c> is <c>nmi_shootdown_cpus()</c>
/// (arch/x86/kernel/reboot.c:917), which waits up to a second for CPUs that do not take the NMI: every CPU the model
/// has takes it at once, so it takes no time.</item>
/// <item>A scenario's bounded <c>wait:</c> with <c>for:</c> that gives up, and <c>delay:</c>.</item>
/// </list>
/// Every step a scenario that speaks of time records carries the clock (<see cref="TraceStep.Time"/>); the steps
/// of a scenario that does not carry 0, so its traces read as they did before the clock.
/// </summary>
public sealed partial class Machine
{
    private long now;
    private bool clockRunning;
    private ulong takenOffline;

    /// <summary>Simulated time since the entry point, in microseconds; 0 before it.</summary>
    public long Now => now;

    /// <summary>What a trace step stamps: the clock when the scenario speaks of time, otherwise 0.</summary>
    private long Stamp => scenario.UsesTime ? now : 0;

    private void ResetClock()
    {
        now = 0;
        clockRunning = false;
        takenOffline = 0;
    }

    /// <summary>Starts the clock at 0: the entry point runs now.</summary>
    private void StartClock()
    {
        now = 0;
        clockRunning = true;
    }

    /// <summary>
    /// The running CPU spends <paramref name="micros"/> (a busy wait: nothing else runs in panic context). Before the
    /// entry point the clock does not run. A scenario that speaks of time records the step, <paramref name="what"/>
    /// took the time, with the time it added.
    /// </summary>
    public void Elapse(long micros, string what)
    {
        if (micros <= 0 || Ended)
        {
            return;
        }

        if (clockRunning)
        {
            now = Duration.Add(now, micros);
        }

        if (scenario.UsesTime)
        {
            Step($"{what}", clockRunning ? $"t: +{Duration.Format(micros)}" : "before the entry point: not timed");
        }
    }

    /// <summary>
    /// A profile's <c>delay-seconds</c>: the panic timeout's wait before <c>emergency_restart()</c>, <c>for (i = 0; i &lt;
    /// panic_timeout * 1000; i += PANIC_TIMER_STEP) … mdelay(PANIC_TIMER_STEP);</c> (6.1 kernel/panic.c:402-416):
    /// <paramref name="seconds"/> seconds when positive, nothing otherwise.
    /// </summary>
    private void DelaySeconds(string name, int seconds) => Elapse(seconds > 0 ? seconds * 1_000_000L : 0, $"{name} {seconds}: mdelay for {seconds}s");

    /// <summary>
    /// How long stopping the other CPUs waits, decided before they stop: a CPU that cannot take the stop IPI keeps
    /// the stopping CPU waiting for the full timeout. Such a CPU is one stuck in its critical section with interrupts
    /// off (<c>stopped-cpu-holds</c>), or, on x86, one that stopped itself in <c>panic_smp_self_stop()</c> (the generic
    /// <c>while (1) cpu_relax()</c> after <c>panic()</c>'s <c>local_irq_disable()</c>, kernel/panic.c:143, :300): it is
    /// still online, and only the NMI stops it. On arm64 a self-stopped CPU went offline (<c>local_cpu_stop()</c>,
    /// arch/arm64/kernel/smp.c:821-837) and is not waited for. An NMI stop (x86 crash) reaches every CPU at once.
    /// Marks the CPUs this stop takes offline.
    /// </summary>
    private void StopWaits(string how, bool byNmi)
    {
        var x86 = values[KernelSlots.Arch] == x86Symbol;
        int? late = null;
        for (var i = 0; i < cpus.Length && i < 64; i++)
        {
            if (i == cpu || (takenOffline & (1UL << i)) != 0)
            {
                continue;
            }

            var stuck = (!briefHolder && Array.IndexOf(lockOwner, i) >= 0) || (x86 && cpus[i] == CpuState.Stopped)
                || (cpus[i] == CpuState.Running && (irqsOff & (1UL << i)) != 0);
            if (!byNmi && stuck)
            {
                late ??= i;
            }

            // x86 stops whoever is left with the NMI; on arm64 a CPU that never takes the IPI stays online.
            if (x86 || !stuck)
            {
                takenOffline |= 1UL << i;
            }
        }

        if (late is { } which)
        {
            Elapse(1_000_000, x86
                ? $"{how}: cpu{which} does not take the REBOOT_VECTOR IPI (interrupts off); after 1s, NMI_VECTOR"
                : $"{how}: cpu{which} does not take the stop IPI (interrupts off); gives up after 1s");
        }
    }
}
