using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel;

namespace PanicPath.Model.Tests.Kernel;

/// <summary>
/// Knobs written while the system runs (by a callback, or after boot) take effect where the kernel reads the
/// global: <c>panic_timeout</c> at the end of <c>panic()</c>, <c>crash_kexec_post_notifiers</c> once as
/// <c>panic()</c> starts and in <c>kexec_should_crash()</c>, <c>panic_on_oops</c> after the die chain,
/// <c>panic_print</c> where it prints, a crash kernel in <c>__crash_kexec()</c>.
/// </summary>
public sealed class RuntimeKnobTests
{
    private const string TimeoutYaml = """
        kernel: mainline-6.1
        features:
          sets_timeout: [false, true]
        callbacks:
          - name: set_timeout
            chain: panic
            if: sets_timeout
            do:
              - set: panic_timeout = 10
        """;

    [Fact]
    public void A_panic_notifier_that_sets_panic_timeout_turns_the_final_loop_into_a_restart()
    {
        var (result, trace) = Model.Run(TimeoutYaml, "sets_timeout=true");
        Assert.Equal(Boundary.Restart, result.Outcome);
        var step = Assert.Single(trace, s => s.Callback == "set_timeout" && s.Action.StartsWith("set panic_timeout", StringComparison.Ordinal));
        Assert.Equal("set panic_timeout (line 9)", step.Action);
        Assert.Equal("panic_timeout: 0 → 10", step.Change);
        Assert.True(Model.IndexOf(trace, "set_timeout: set panic_timeout") < Model.IndexOf(trace, "panic_timeout 10: emergency_restart decided"));

        var (unchanged, _) = Model.Run(TimeoutYaml, "sets_timeout=false");
        Assert.Equal(Boundary.EndOfPanic, unchanged.Outcome);
    }

    [Fact]
    public void A_knob_a_callback_writes_is_not_part_of_the_configuration_it_ran_in()
    {
        var (configuration, _, _) = ScenarioExplorer.Trace(Model.Compile(TimeoutYaml), "sets_timeout=true");
        Assert.Equal("sets_timeout=true,fault=none,entry=panic", configuration.Key);
    }

    private const string DieSetsPostYaml = """
        kernel: mainline-6.1
        knobs:
          kexec_crash_loaded: [true]
          panic_on_oops: [true]
        features:
          die_sets_post: [false, true]
        callbacks:
          - name: die_notifier
            chain: die
            if: die_sets_post
            do:
              - set: crash_kexec_post_notifiers = true
          - name: report
            chain: panic
            do:
              - emit: reported
        entry: [oops]
        """;

    [Fact]
    public void A_die_notifier_that_sets_crash_kexec_post_notifiers_moves_crash_kexec_after_the_panic_notifiers_on_6_1()
    {
        var (result, trace) = Model.Run(DieSetsPostYaml, "die_sets_post=true");
        Assert.Equal(Boundary.CrashKernelBoot, result.Outcome);
        Assert.True(Model.IndexOf(trace, "kexec_should_crash: 0, crash_kexec_post_notifiers") >= 0);
        Assert.True(Model.IndexOf(trace, "crash_smp_send_stop") >= 0);
        Assert.True(Model.IndexOf(trace, "report: emit reported") < Model.IndexOf(trace, "__crash_kexec after the notifiers"));

        var (before, beforeTrace) = Model.Run(DieSetsPostYaml, "die_sets_post=false");
        Assert.Equal(Boundary.CrashKernelBoot, before.Outcome);
        Assert.Equal(-1, Model.IndexOf(beforeTrace, "report: emit reported"));
    }

    private const string PanicSetsPostYaml = """
        kernel: mainline-6.1
        features:
          nested: [false, true]
        state:
          again: false
        callbacks:
          - name: sets_post
            chain: panic
            do:
              - set: crash_kexec_post_notifiers = true
              - if: nested && !again
                do:
                  - set: again = true
                  - panic: again
        """;

    /// <summary>
    /// 6.1's <c>panic()</c> copies <c>crash_kexec_post_notifiers</c> as it starts (kernel/panic.c:282): a panic
    /// notifier that sets it leaves this panic's order alone, and only a nested <c>panic()</c> reads the new value.
    /// </summary>
    [Fact]
    public void A_panic_notifier_that_sets_crash_kexec_post_notifiers_changes_only_a_later_panic_as_6_1_copies_it_at_entry()
    {
        var (_, trace) = Model.Run(PanicSetsPostYaml, "nested=false");
        Assert.True(Model.IndexOf(trace, "sets_post: set crash_kexec_post_notifiers") >= 0);
        Assert.Equal(-1, Model.IndexOf(trace, "after the notifiers"));
        Assert.Equal(-1, Model.IndexOf(trace, "crash_smp_send_stop"));

        var (_, nestedTrace) = Model.Run(PanicSetsPostYaml, "nested=true");
        var nestedAt = Model.IndexOf(nestedTrace, "nested panic on the panicking CPU");
        Assert.True(nestedAt >= 0);
        Assert.True(Model.IndexOf(nestedTrace, "crash_smp_send_stop") > nestedAt);
        Assert.True(Model.IndexOf(nestedTrace, "__crash_kexec after the notifiers") > nestedAt);
    }

    [Fact]
    public void A_die_notifier_that_sets_panic_on_oops_makes_the_oops_panic()
    {
        var yaml = """
            kernel: mainline-6.1
            features:
              escalate: [false, true]
            callbacks:
              - name: die_notifier
                chain: die
                if: escalate
                do:
                  - set: panic_on_oops = true
            entry: [oops]
            """;
        Assert.Equal(Boundary.EndOfPanic, Model.Run(yaml, "escalate=true").Result.Outcome);
        Assert.Equal(Boundary.EndOfOops, Model.Run(yaml, "escalate=false").Result.Outcome);
    }

    [Fact]
    public void A_panic_notifier_that_sets_panic_print_makes_panic_print_what_it_asks_after_the_notifiers()
    {
        var yaml = """
            kernel: mainline-6.1
            callbacks:
              - name: wants_info
                chain: panic
                do:
                  - set: panic_print = 33    # 0x21: task information and the whole log replayed
            """;
        var (_, trace) = Model.Run(yaml);
        var notifier = Model.IndexOf(trace, "wants_info: set panic_print");
        Assert.True(notifier >= 0);
        Assert.True(Model.IndexOf(trace, "panic_print_sys_info: show_state") > notifier);
        Assert.True(Model.IndexOf(trace, "panic_print 0x20: console_flush_on_panic(CONSOLE_REPLAY_ALL)") > notifier);
    }

    [Fact]
    public void Panic_clears_panic_on_warn_as_it_starts()
    {
        var yaml = """
            kernel: mainline-6.1
            knobs:
              panic_on_warn: [true]
            invariants:
              - name: warn-cleared
                at: [end-of-panic]
                expect: "!panic_on_warn"
            entry: [warn]
            """;
        var (result, trace) = Model.Run(yaml);
        Assert.Equal(Boundary.EndOfPanic, result.Outcome);
        Assert.True(Model.IndexOf(trace, "panic_on_warn = 0") >= 0);
        Assert.False(Model.Violates(yaml, result, "warn-cleared"));
    }

    [Fact]
    public void Callbacks_may_write_the_scenarios_own_features()
    {
        var yaml = """
            features:
              flag: [false]
            callbacks:
              - name: first
                chain: panic
                priority: 1
                do:
                  - set: flag = true
              - name: second
                chain: panic
                if: flag
                do:
                  - emit: saw-flag
            invariants:
              - name: flag-seen
                exactly-once: saw-flag
            """;
        var (result, _) = Model.Run(yaml);
        Assert.False(Model.Violates(yaml, result, "flag-seen"));
    }
}
