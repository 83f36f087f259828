using PanicPath.Model.Kernel;

namespace PanicPath.Model.Tests.Kernel;

public sealed class LockTests
{
    private const string Flusher = """
        cpus: 2
        knobs:
          arch: [x86_64, arm64]
          kexec_crash_loaded: [false, true]
          crash_kexec_post_notifiers: [true, false]
        locks: [ring_lock]
        callbacks:
          - name: flusher
            chain: panic
            do:
              - lock: ring_lock
              - emit: flushed
              - unlock: ring_lock
        faults:
          - stopped-cpu-holds: ring_lock
          - cpu-in-critical-section: ring_lock
        invariants:
          - name: terminates
            terminates: true
        """;

    /// <summary>A CPU stuck in its critical section keeps the lock whatever stops it: the panicking CPU spins for ever.</summary>
    [Theory]
    [InlineData("arch=x86_64,crash_kexec_post_notifiers=false")]
    [InlineData("arch=x86_64,crash_kexec_post_notifiers=true")]
    [InlineData("arch=arm64,crash_kexec_post_notifiers=true")]
    public void Stopped_cpu_keeps_the_ring_buffer_lock_and_the_panicking_cpu_spins_forever(string config)
    {
        var (result, trace) = Model.Run(Flusher, config + ",fault=stopped-cpu-holds(ring_lock)");
        Assert.Equal(Boundary.Hang, result.Outcome);
        Assert.Contains("held by stopped cpu1", result.HangReason, StringComparison.Ordinal);
        Assert.Contains(trace, s => s.Change.StartsWith("cpu1: running → stopped", StringComparison.Ordinal) && s.Change.EndsWith("holding ring_lock", StringComparison.Ordinal));
        Assert.True(Model.Violates(Flusher, result, "terminates"));
    }

    /// <summary>
    /// x86 <c>crash_smp_send_stop()</c> is <c>kdump_nmi_shootdown_cpus()</c> (arch/x86/kernel/crash.c): the NMI
    /// stops cpu1 inside even a short critical section, so the lock stays held and the panicking CPU spins on it.
    /// </summary>
    [Fact]
    public void On_x86_the_crash_stop_NMI_stops_a_cpu_inside_its_critical_section_and_the_lock_stays_held()
    {
        var (result, trace) = Model.Run(Flusher, "arch=x86_64,crash_kexec_post_notifiers=true,fault=cpu-in-critical-section(ring_lock)");
        Assert.Equal(Boundary.Hang, result.Outcome);
        Assert.Contains(trace, s => s.Change == "cpu1: running → stopped by NMI holding ring_lock");
    }

    /// <summary>
    /// <c>smp_send_stop()</c> (x86 <c>native_stop_other_cpus</c>, REBOOT_VECTOR IPI) reaches cpu1 only once it
    /// has left its interrupts-off critical section, so the lock is free when the notifiers run.
    /// </summary>
    [Fact]
    public void On_x86_smp_send_stop_is_an_IPI_that_lets_the_cpu_leave_its_critical_section_before_it_stops()
    {
        var (result, trace) = Model.Run(Flusher, "arch=x86_64,crash_kexec_post_notifiers=false,fault=cpu-in-critical-section(ring_lock)");
        Assert.Equal(Boundary.EndOfPanic, result.Outcome);
        Assert.Contains(trace, s => s.Change == "cpu1: leaves its critical section (ring_lock → free), then running → stopped");
        Assert.True(Model.IndexOf(trace, "emit flushed") >= 0);
    }

    /// <summary>
    /// arm64 <c>crash_smp_send_stop()</c> (arch/arm64/kernel/smp.c) sends IPI_CPU_CRASH_STOP, an ordinary IPI: a
    /// CPU with interrupts off does not stop until it turns them on, so it leaves the critical section first.
    /// </summary>
    [Fact]
    public void On_arm64_the_crash_stop_is_an_IPI_too_and_the_lock_is_released_before_the_cpu_stops()
    {
        var (result, trace) = Model.Run(Flusher, "arch=arm64,crash_kexec_post_notifiers=true,fault=cpu-in-critical-section(ring_lock)");
        Assert.Equal(Boundary.EndOfPanic, result.Outcome);
        Assert.True(Model.IndexOf(trace, "crash_smp_send_stop (IPI)") >= 0);
        Assert.True(Model.IndexOf(trace, "emit flushed") >= 0);
    }

    [Fact]
    public void A_lock_held_by_a_running_cpu_is_released_and_then_taken()
    {
        // The crash kernel path: the lock is wanted in the crash-shutdown hook, before the other CPUs stop.
        const string yaml = """
            cpus: 2
            knobs:
              kexec_crash_loaded: [true]
            locks: [ring_lock]
            callbacks:
              - name: hook
                chain: crash_shutdown
                do:
                  - lock: ring_lock
                  - unlock: ring_lock
            faults:
              - stopped-cpu-holds: ring_lock
            """;
        var (result, trace) = Model.Run(yaml, "fault=stopped-cpu-holds(ring_lock)");
        Assert.Equal(Boundary.CrashKernelBoot, result.Outcome);
        Assert.True(Model.IndexOf(trace, "waits for cpu1 to release it") >= 0);
    }

    [Fact]
    public void Taking_a_lock_the_cpu_already_holds_spins_forever()
    {
        const string yaml = """
            locks: [l]
            callbacks:
              - name: twice
                chain: panic
                do: [ { lock: l }, { lock: l } ]
            """;
        var (result, _) = Model.Run(yaml);
        Assert.Equal(Boundary.Hang, result.Outcome);
        Assert.Contains("already holds", result.HangReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Trylock_on_a_busy_lock_runs_its_else_branch_and_does_not_spin()
    {
        const string yaml = """
            cpus: 2
            knobs:
              crash_kexec_post_notifiers: [true]
            locks: [l]
            callbacks:
              - name: careful
                chain: panic
                do:
                  - trylock: l
                    else: [ { emit: gave-up }, return ]
                  - emit: took
            faults:
              - stopped-cpu-holds: l
            """;
        var (busy, busyTrace) = Model.Run(yaml, "fault=stopped-cpu-holds(l)");
        Assert.Equal(Boundary.EndOfPanic, busy.Outcome);
        Assert.True(Model.IndexOf(busyTrace, "emit gave-up") >= 0);
        Assert.Equal(-1, Model.IndexOf(busyTrace, "emit took"));
        var (_, freeTrace) = Model.Run(yaml, "fault=none");
        Assert.True(Model.IndexOf(freeTrace, "emit took") >= 0);
    }

    [Fact]
    public void Held_tests_whether_any_cpu_holds_the_lock()
    {
        const string yaml = """
            cpus: 2
            knobs:
              crash_kexec_post_notifiers: [true]
            locks: [l]
            callbacks:
              - name: look
                chain: panic
                do:
                  - if: held(l)
                    do: [ { emit: busy } ]
                    else: [ { emit: free } ]
            faults:
              - stopped-cpu-holds: l
            """;
        Assert.True(Model.IndexOf(Model.Run(yaml, "fault=stopped-cpu-holds(l)").Trace, "emit busy") >= 0);
        Assert.True(Model.IndexOf(Model.Run(yaml, "fault=none").Trace, "emit free") >= 0);
    }
}
