using PanicPath.Model.Kernel;

namespace PanicPath.Model.Tests.Kernel;

public sealed class PanicSequenceTests
{
    private const string Notifiers = """
        knobs:
          kexec_crash_loaded: [false, true]
          crash_kexec_post_notifiers: [false, true]
          panic_timeout: [0, 5]
        callbacks:
          - name: low
            chain: panic
            priority: INT_MIN + 1
            do: [ { emit: low-ran } ]
          - name: first_zero
            chain: panic
            do: [ { emit: zero-ran } ]
          - name: high
            chain: panic
            priority: INT_MAX - 1
            do: [ { emit: high-ran } ]
          - name: second_zero
            chain: panic
          - name: dumper
            chain: kmsg_dump
            do: [ { emit: dumped } ]
        """;

    [Fact]
    public void Panic_notifiers_run_higher_priority_first_and_equal_priorities_in_registration_order()
    {
        var (_, trace) = Model.Run(Notifiers);
        var order = new[] { "high: called", "first_zero: called", "second_zero: called", "low: called" }.Select(s => Model.IndexOf(trace, s)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.OrderBy(i => i), order);
    }

    [Fact]
    public void Without_post_notifiers_a_loaded_crash_kernel_boots_before_any_notifier()
    {
        var (result, trace) = Model.Run(Notifiers, "kexec_crash_loaded=true,crash_kexec_post_notifiers=false");
        Assert.Equal(Boundary.CrashKernelBoot, result.Outcome);
        Assert.Equal(-1, Model.IndexOf(trace, "high: called"));
        Assert.Equal(-1, Model.IndexOf(trace, "kmsg_dump(PANIC)"));
    }

    [Fact]
    public void With_post_notifiers_the_notifiers_and_the_kmsg_dump_run_before_the_crash_kernel_boots()
    {
        var (result, trace) = Model.Run(Notifiers, "kexec_crash_loaded=true,crash_kexec_post_notifiers=true");
        Assert.Equal(Boundary.CrashKernelBoot, result.Outcome);
        var low = Model.IndexOf(trace, "low: called");
        var dump = Model.IndexOf(trace, "kmsg_dump(PANIC)");
        var boot = Model.IndexOf(trace, "the crash kernel boots");
        Assert.True(low >= 0 && low < dump && dump < boot);
        Assert.True(Model.IndexOf(trace, "crash_smp_send_stop") < low);
    }

    [Fact]
    public void Without_a_crash_kernel_panic_stops_the_other_cpus_runs_the_notifiers_dumps_flushes_and_halts()
    {
        var (result, trace) = Model.Run(Notifiers, "panic_timeout=0");
        Assert.Equal(Boundary.EndOfPanic, result.Outcome);
        var steps = new[] { "no crash kernel loaded", "smp_send_stop", "high: called", "kmsg_dump(PANIC)", "dumper: called", "console_flush_on_panic", "loops forever" }
            .Select(s => Model.IndexOf(trace, s)).ToList();
        Assert.DoesNotContain(-1, steps);
        Assert.Equal(steps.OrderBy(i => i), steps);
    }

    [Fact]
    public void A_panic_timeout_ends_in_an_emergency_restart_after_the_restart_hooks()
    {
        const string yaml = """
            knobs:
              panic_timeout: [5]
            callbacks:
              - name: reboot_hook
                chain: restart
                do: [ { emit: rebooting } ]
            """;
        var (result, trace) = Model.Run(yaml);
        Assert.Equal(Boundary.Restart, result.Outcome);
        Assert.True(Model.IndexOf(trace, "emergency_restart") < Model.IndexOf(trace, "reboot_hook: called"));
    }

    [Fact]
    public void A_callback_returning_stop_ends_the_walk_of_its_chain()
    {
        const string yaml = """
            callbacks:
              - name: stopper
                chain: panic
                priority: 10
                do: [ { return: STOP } ]
              - name: later
                chain: panic
            """;
        var (_, trace) = Model.Run(yaml);
        Assert.True(Model.IndexOf(trace, "stopper: returns STOP") >= 0);
        Assert.Equal(-1, Model.IndexOf(trace, "later: called"));
    }

    [Fact]
    public void A_nested_panic_on_the_panicking_cpu_goes_on_through_the_whole_sequence_again()
    {
        const string yaml = """
            state:
              runs: 0
            callbacks:
              - name: counter
                chain: panic
                do:
                  - set: runs = runs + 1
                  - if: runs == 1
                    do: [ { panic: again } ]
            """;
        var (result, trace) = Model.Run(yaml);
        Assert.Equal(Boundary.EndOfPanic, result.Outcome);
        Assert.True(Model.IndexOf(trace, "nested panic on the panicking CPU") >= 0);
        Assert.Equal(2, Model.Steps(trace).Count(s => s == "counter: called (priority 0)"));
    }

    [Fact]
    public void A_panic_on_a_second_cpu_stops_that_cpu_and_the_first_goes_on()
    {
        const string yaml = """
            cpus: 2
            faults: [second-cpu-panics]
            """;
        var (result, trace) = Model.Run(yaml, "fault=second-cpu-panics");
        Assert.Equal(Boundary.EndOfPanic, result.Outcome);
        var stop = trace.Single(s => s.Action.Contains("panic_smp_self_stop", StringComparison.Ordinal));
        Assert.Equal(1, stop.Cpu);
        Assert.Equal("cpu1: running → stopped", stop.Change);
    }

    [Fact]
    public void A_callback_panicking_again_and_again_is_a_hang_not_an_endless_recursion()
    {
        const string yaml = """
            callbacks:
              - name: again
                chain: panic
                do: [ { panic: again } ]
            invariants:
              - name: terminates
                terminates: true
            """;
        var (result, _) = Model.Run(yaml);
        Assert.Equal(Boundary.Hang, result.Outcome);
        Assert.True(Model.Violates(yaml, result, "terminates"));
    }
}
