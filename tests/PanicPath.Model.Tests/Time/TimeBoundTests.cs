using PanicPath.Model.Kernel;

namespace PanicPath.Model.Tests.Time;

/// <summary>
/// The model clock and the invariants that bound it: a bounded wait with a duration, the kernel's own waits (the
/// panic timeout, the stop of the other CPUs), <c>delay:</c>, and <c>within</c> on <c>by</c>, <c>reaches</c> and
/// <c>happens</c>.
/// </summary>
public sealed class TimeBoundTests
{
    private const string UnloadWait = """
        kernel: mainline-6.1
        knobs:
          kexec_crash_loaded: [true]
          crash_kexec_post_notifiers: [true]
        features:
          host_answers: [true, false]
        state:
          vmbus: { initial: connected, values: [connected, unloaded, unload_incomplete] }
        callbacks:
          - name: hv_panic_vmbus_unload
            chain: panic
            do:
              - wait: host_answers
                for: 100s
                else:
                  - set: vmbus = unload_incomplete
              - if: vmbus == connected
                do: [ { set: vmbus = unloaded } ]
        invariants:
          - name: kdump-within-10s
            by: crash-kernel-boot within 10s
          - name: kdump-reached
            reaches: crash-kernel-boot
        """;

    [Fact]
    public void A_bounded_wait_that_gives_up_takes_its_whole_duration_and_violates_a_time_bound_on_the_boundary()
    {
        var (late, trace) = Model.Run(UnloadWait, "host_answers=false");
        Assert.Equal(Boundary.CrashKernelBoot, late.Outcome);
        Assert.True(Model.Violates(UnloadWait, late, "kdump-within-10s"));
        Assert.False(Model.Violates(UnloadWait, late, "kdump-reached"));
        var violation = trace.Single(s => s.Action.StartsWith("invariant kdump-within-10s violated", StringComparison.Ordinal));
        Assert.Equal("invariant kdump-within-10s violated: crash-kernel-boot reached at t=100s, past its bound of 10s", violation.Action);
        Assert.Equal(100_000_000, violation.Time);
        var wait = trace.Single(s => s.Action.StartsWith("wait host_answers", StringComparison.Ordinal));
        Assert.Equal("wait host_answers: polls for 100s, never true, gives up", wait.Action);
        Assert.Equal(100_000_000, wait.Time);
    }

    [Fact]
    public void A_bounded_wait_whose_condition_holds_at_once_takes_no_time()
    {
        var (prompt, trace) = Model.Run(UnloadWait, "host_answers=true");
        Assert.False(Model.Violates(UnloadWait, prompt, "kdump-within-10s"));
        Assert.All(trace, s => Assert.Equal(0, s.Time));
    }

    [Fact]
    public void The_panic_timeout_waits_its_seconds_before_the_emergency_restart()
    {
        const string yaml = """
            knobs:
              panic_timeout: [0, 10, 30, -1]
            invariants:
              - name: restarts-within-20s
                by: restart within 20s
            """;
        var (ten, trace) = Model.Run(yaml, "panic_timeout=10");
        Assert.False(Model.Violates(yaml, ten, "restarts-within-20s"));
        var restart = Model.IndexOf(trace, "panic(): emergency_restart");
        var wait = Model.IndexOf(trace, "panic_timeout 10: mdelay for 10s");
        Assert.True(wait >= 0 && wait < restart);
        Assert.Equal(10_000_000, trace[restart].Time);
        Assert.Equal(0, trace[wait - 1].Time);

        var (thirty, late) = Model.Run(yaml, "panic_timeout=30");
        Assert.Equal(Boundary.Restart, thirty.Outcome);
        Assert.True(Model.Violates(yaml, thirty, "restarts-within-20s"));
        Assert.Contains(late, s => s.Action == "invariant restarts-within-20s violated: restart reached at t=30s, past its bound of 20s");

        // A negative panic_timeout restarts at once (kernel/panic.c:402 waits only when it is positive); 0 loops forever
        // and never comes to the restart, which a bare 'by' does not check.
        var (negative, now) = Model.Run(yaml, "panic_timeout=-1");
        Assert.Equal(Boundary.Restart, negative.Outcome);
        Assert.All(now, s => Assert.Equal(0, s.Time));
        Assert.False(Model.Violates(yaml, Model.Run(yaml, "panic_timeout=0").Result, "restarts-within-20s"));
    }

    private const string StuckCpu = """
        knobs:
          arch: [x86_64, arm64]
          kexec_crash_loaded: [false, true]
          crash_kexec_post_notifiers: [false, true]
        locks: [l]
        faults:
          - stopped-cpu-holds: l
          - cpu-in-critical-section: l
          - second-cpu-panics
        invariants:
          - name: ends-within-500ms
            by: [end-of-panic, crash-kernel-boot]
            within: 500ms
        """;

    [Fact]
    public void On_x86_smp_send_stop_waits_a_second_for_a_cpu_that_does_not_take_the_ipi_then_sends_the_nmi()
    {
        var (stuck, trace) = Model.Run(StuckCpu, "arch=x86_64,fault=stopped-cpu-holds(l)");
        var fallback = trace.Single(s => s.Action.Contains("REBOOT_VECTOR", StringComparison.Ordinal));
        Assert.Equal("smp_send_stop: cpu1 does not take the REBOOT_VECTOR IPI (interrupts off); after 1s, NMI_VECTOR", fallback.Action);
        Assert.Equal(1_000_000, fallback.Time);
        Assert.True(Model.Violates(StuckCpu, stuck, "ends-within-500ms"));
        Assert.Contains(trace, s => s.Action == "invariant ends-within-500ms violated: end-of-panic reached at t=1s, past its bound of 500ms");

        // The CPU that lost the panic race spins in panic_smp_self_stop() with interrupts off, still online: the same second.
        var (loser, loserTrace) = Model.Run(StuckCpu, "arch=x86_64,fault=second-cpu-panics");
        Assert.True(Model.Violates(StuckCpu, loser, "ends-within-500ms"));
        Assert.Contains(loserTrace, s => s.Action.StartsWith("smp_send_stop: cpu1 does not take the REBOOT_VECTOR IPI", StringComparison.Ordinal));

        // A CPU in a short critical section takes the IPI once it leaves it: no wait.
        Assert.False(Model.Violates(StuckCpu, Model.Run(StuckCpu, "arch=x86_64,fault=cpu-in-critical-section(l)").Result, "ends-within-500ms"));
    }

    [Fact]
    public void The_x86_crash_stop_is_an_nmi_that_every_cpu_takes_at_once_while_arm64_waits_a_second_for_a_stuck_cpu()
    {
        var (x86, x86Trace) = Model.Run(StuckCpu, "arch=x86_64,kexec_crash_loaded=true,fault=stopped-cpu-holds(l)");
        Assert.Equal(Boundary.CrashKernelBoot, x86.Outcome);
        Assert.All(x86Trace, s => Assert.Equal(0, s.Time));

        var (arm, armTrace) = Model.Run(StuckCpu, "arch=arm64,kexec_crash_loaded=true,fault=stopped-cpu-holds(l)");
        Assert.True(Model.Violates(StuckCpu, arm, "ends-within-500ms"));
        Assert.Contains(armTrace, s => s.Action == "machine_crash_shutdown: crash_smp_send_stop: cpu1 does not take the stop IPI (interrupts off); gives up after 1s");

        // arm64's panic_smp_self_stop() takes the CPU offline (local_cpu_stop()): nothing to wait for.
        Assert.False(Model.Violates(StuckCpu, Model.Run(StuckCpu, "arch=arm64,fault=second-cpu-panics").Result, "ends-within-500ms"));
    }

    [Fact]
    public void A_delay_advances_the_clock_only_on_the_fatal_path()
    {
        const string yaml = """
            after-boot:
              - delay: 5s
            callbacks:
              - name: slow
                chain: panic
                do:
                  - delay: 1500ms
                  - emit: done
            invariants:
              - name: done-within-1s
                happens: done
                within: 1s
              - name: done-within-2s
                happens: done
                by: end-of-panic within 2s
            """;
        var (run, trace) = Model.Run(yaml);
        Assert.Contains(trace, s => s.Action == "delay 5s" && s.Change == "before the entry point: not timed" && s.Time == 0);
        var delay = trace.Single(s => s.Action == "delay 1.5s");
        Assert.Equal(1_500_000, delay.Time);
        Assert.True(Model.Violates(yaml, run, "done-within-1s"));
        Assert.Contains(trace, s => s.Action == "invariant done-within-1s violated: done happens at t=1.5s, past its bound of 1s");
        Assert.False(Model.Violates(yaml, run, "done-within-2s"));
    }

    [Fact]
    public void A_run_that_hangs_or_that_the_host_ends_before_the_boundary_misses_its_bound()
    {
        const string yaml = """
            features:
              how: [hang, host, fine]
            callbacks:
              - name: notifier
                chain: panic
                do:
                  - if: how == hang
                    do: [never-return]
                  - if: how == host
                    do: [ { hypercall: crash } ]
            invariants:
              - name: final-loop-within-1s
                by: end-of-panic within 1s
            """;
        var (hang, hangTrace) = Model.Run(yaml, "how=hang");
        Assert.True(Model.Violates(yaml, hang, "final-loop-within-1s"));
        Assert.Contains(hangTrace, s => s.Action == "invariant final-loop-within-1s violated: the run hangs before reaching end-of-panic, so it misses its bound of 1s: cpu0 notifier never returns");
        var (host, hostTrace) = Model.Run(yaml, "how=host");
        Assert.True(Model.Violates(yaml, host, "final-loop-within-1s"));
        Assert.Contains(hostTrace, s => s.Action == "invariant final-loop-within-1s violated: the host ends the run at host-stop before end-of-panic, so it misses its bound of 1s");
        Assert.False(Model.Violates(yaml, Model.Run(yaml, "how=fine").Result, "final-loop-within-1s"));
    }

    [Fact]
    public void Reaches_within_bounds_the_time_at_the_boundary_it_requires()
    {
        const string yaml = """
            knobs:
              panic_timeout: [5, 50]
            invariants:
              - name: restarts-soon
                reaches: restart within 30s
            """;
        Assert.False(Model.Violates(yaml, Model.Run(yaml, "panic_timeout=5").Result, "restarts-soon"));
        var (late, trace) = Model.Run(yaml, "panic_timeout=50");
        Assert.True(Model.Violates(yaml, late, "restarts-soon"));
        Assert.Contains(trace, s => s.Action == "invariant restarts-soon violated: restart reached at t=50s, past its bound of 30s");
    }

    [Fact]
    public void A_scenario_that_speaks_of_no_time_stamps_no_step_with_the_clock()
    {
        const string yaml = """
            knobs:
              panic_timeout: [10]
            """;
        var scenario = Model.Compile(yaml);
        Assert.False(scenario.UsesTime);
        Assert.All(Model.Run(yaml).Trace, s => Assert.Equal(0, s.Time));
        Assert.DoesNotContain(Model.Run(yaml).Trace, s => s.Action.Contains("mdelay", StringComparison.Ordinal));
    }
}
