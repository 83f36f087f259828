using PanicPath.Model.Kernel;

namespace PanicPath.Model.Tests.Kernel;

public sealed class LockTests
{
    private const string Flusher = """
        cpus: 2
        knobs:
          kexec_crash_loaded: [false, true]
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
        invariants:
          - name: terminates
            terminates: true
        """;

    [Fact]
    public void Stopped_cpu_keeps_the_ring_buffer_lock_and_the_panicking_cpu_spins_forever()
    {
        var (result, trace) = Model.Run(Flusher, "fault=stopped-cpu-holds(ring_lock)");
        Assert.Equal(Boundary.Hang, result.Outcome);
        Assert.Contains("held by stopped cpu1", result.HangReason, StringComparison.Ordinal);
        Assert.Contains(trace, s => s.Change == "cpu1: running → stopped holding ring_lock");
        Assert.True(Model.Violates(Flusher, result, "terminates"));
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
