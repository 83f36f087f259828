using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel;

namespace PanicPath.Model.Tests.Scenarios;

public sealed class LanguageTests
{
    [Fact]
    public void Knobs_and_features_are_explored_as_a_cross_product_with_faults_and_entry_points()
    {
        const string yaml = """
            cpus: 2
            knobs:
              arch: [x86_64, arm64]
              panic_timeout: [0, 10, -1]
            features:
              fb: [true, false]
              mode: [fast, slow]
            locks: [l]
            faults: [second-cpu-panics, { stopped-cpu-holds: l }]
            entry: [panic, oops]
            """;
        var report = ScenarioExplorer.Explore(Model.Compile(yaml));
        Assert.Equal(2 * 3 * 2 * 2 * 3 * 2, report.Runs);
    }

    [Fact]
    public void Constraints_remove_the_configurations_they_exclude()
    {
        const string yaml = """
            knobs:
              kexec_crash_loaded: [false, true]
            features:
              a: [false, true]
              b: [false, true]
            constraints:
              - b -> a
              - "!(kexec_crash_loaded && a)"
            """;
        var space = new ConfigurationSpace(Model.Compile(yaml));
        var keys = space.Choices().Select(c => space.Describe(c).Key).ToList();
        Assert.Equal(
            [
                "kexec_crash_loaded=false,a=false,b=false,fault=none,entry=panic",
                "kexec_crash_loaded=false,a=true,b=false,fault=none,entry=panic",
                "kexec_crash_loaded=false,a=true,b=true,fault=none,entry=panic",
                "kexec_crash_loaded=true,a=false,b=false,fault=none,entry=panic",
            ],
            keys);
    }

    [Fact]
    public void State_starts_at_its_initial_value_and_set_assigns_booleans_integers_and_symbols()
    {
        const string yaml = """
            state:
              done: false
              count: 3
              link: { initial: up, values: [up, down] }
            callbacks:
              - name: change
                chain: panic
                do:
                  - set: done = !done
                  - set: count = count + 2
                  - set: link = down
            invariants:
              - name: final
                at: [end-of-panic]
                expect: done && count == 5 && link == down
            """;
        var (result, trace) = Model.Run(yaml);
        Assert.False(Model.Violates(yaml, result, "final"));
        Assert.Contains(trace, s => s.Change == "link: up → down");
        Assert.Contains(trace, s => s.Change == "count: 3 → 5");
    }

    [Fact]
    public void Setup_actions_run_at_boot_and_may_set_kernel_knobs()
    {
        const string yaml = """
            knobs:
              kexec_crash_loaded: [true]
            features:
              crash_regs: [true]
            setup:
              - if: crash_regs
                do: [ { set: crash_kexec_post_notifiers = true } ]
            callbacks:
              - name: n
                chain: panic
            """;
        var (_, trace) = Model.Run(yaml);
        Assert.True(Model.IndexOf(trace, "n: called") < Model.IndexOf(trace, "the crash kernel boots"));
    }

    [Fact]
    public void Register_if_decides_at_boot_and_if_decides_each_time_the_callback_is_called()
    {
        const string yaml = """
            features:
              present: [true, false]
            state:
              armed: false
            callbacks:
              - name: maybe
                chain: panic
                register-if: present
                do: [ { emit: maybe-ran } ]
              - name: guarded
                chain: panic
                if: armed
                do: [ { emit: guarded-ran } ]
            """;
        var (_, present) = Model.Run(yaml, "present=true");
        var (_, absent) = Model.Run(yaml, "present=false");
        Assert.True(Model.IndexOf(present, "emit maybe-ran") >= 0);
        Assert.True(Model.IndexOf(absent, "maybe: not registered: register-if is false") >= 0);
        Assert.True(Model.IndexOf(present, "guarded: if armed: false, returns") >= 0);
        Assert.Equal(-1, Model.IndexOf(present, "emit guarded-ran"));
    }

    [Theory]
    [InlineData("INT_MIN + 10", int.MinValue + 10)]
    [InlineData("INT_MAX - 1", int.MaxValue - 1)]
    [InlineData("-5", -5)]
    [InlineData("(1 + 2) - 4", -1)]
    public void Priorities_are_written_as_the_kernel_writes_them(string priority, int expected)
    {
        var scenario = Model.Compile($"""
            callbacks:
              - name: n
                chain: panic
                priority: {priority}
            """);
        Assert.Equal(expected, scenario.Callbacks[0].Priority);
    }

    [Fact]
    public void Helpers_are_called_by_name_and_their_return_leaves_only_the_helper()
    {
        const string yaml = """
            helpers:
              inner:
                - emit: in-helper
                - return
                - emit: never
            callbacks:
              - name: caller
                chain: panic
                do:
                  - call: inner
                  - emit: after-helper
            """;
        var (_, trace) = Model.Run(yaml);
        Assert.True(Model.IndexOf(trace, "emit in-helper") < Model.IndexOf(trace, "emit after-helper"));
        Assert.Equal(-1, Model.IndexOf(trace, "emit never"));
    }

    [Fact]
    public void Wait_without_timeout_on_something_that_never_comes_hangs_and_with_timeout_goes_on()
    {
        const string Template = """
            features:
              host_answers: [false, true]
            callbacks:
              - name: waiter
                chain: panic
                do:
                  - wait: host_answers
                    timeout: TIMEOUT
                  - emit: went-on
            """;
        var (hung, _) = Model.Run(Template.Replace("TIMEOUT", "false", StringComparison.Ordinal), "host_answers=false");
        Assert.Equal(Boundary.Hang, hung.Outcome);
        Assert.Contains("waits forever for host_answers", hung.HangReason, StringComparison.Ordinal);
        var (answered, _) = Model.Run(Template.Replace("TIMEOUT", "false", StringComparison.Ordinal), "host_answers=true");
        Assert.Equal(Boundary.EndOfPanic, answered.Outcome);
        var (timedOut, trace) = Model.Run(Template.Replace("TIMEOUT", "true", StringComparison.Ordinal), "host_answers=false");
        Assert.Equal(Boundary.EndOfPanic, timedOut.Outcome);
        Assert.True(Model.IndexOf(trace, "times out") < Model.IndexOf(trace, "emit went-on"));
    }

    [Fact]
    public void Never_return_ends_the_run_inside_the_callback()
    {
        const string yaml = """
            callbacks:
              - name: stuck
                chain: panic
                priority: 1
                do: [never-return]
              - name: after
                chain: panic
            """;
        var (result, trace) = Model.Run(yaml);
        Assert.Equal(Boundary.Hang, result.Outcome);
        Assert.Equal(-1, Model.IndexOf(trace, "after: called"));
    }

    [Fact]
    public void Report_sends_to_the_host_and_host_reports_counts_them()
    {
        const string yaml = """
            callbacks:
              - name: reporter
                chain: panic
                do:
                  - report: crash-registers
                  - if: host_reports == 1
                    do: [ { report: log-page } ]
            invariants:
              - name: once
                exactly-once: host-report
              - name: at-most-twice
                at: [end-of-panic]
                expect: host_reports <= 2
              - name: at-most-once
                at-most-once: host-report
            """;
        var (result, trace) = Model.Run(yaml);
        Assert.Contains(trace, s => s.Change == "host receives log-page (reports: 2)");
        Assert.True(Model.Violates(yaml, result, "once"));
        Assert.True(Model.Violates(yaml, result, "at-most-once"));
        Assert.False(Model.Violates(yaml, result, "at-most-twice"));
    }

    [Fact]
    public void Panic_in_fault_panics_inside_the_named_callback_once()
    {
        const string yaml = """
            callbacks:
              - name: victim
                chain: panic
                do: [ { emit: victim-ran } ]
            faults:
              - panic-in: victim
            invariants:
              - name: victim-once
                exactly-once: victim-ran
            """;
        var (result, trace) = Model.Run(yaml, "fault=panic-in(victim)");
        Assert.True(Model.IndexOf(trace, "fault: panics inside the callback") >= 0);
        Assert.Equal(Boundary.EndOfPanic, result.Outcome);
        Assert.True(Model.Violates(yaml, result, "victim-once"));
    }

    [Fact]
    public void Happens_while_checks_the_condition_at_each_occurrence_and_by_requires_an_occurrence()
    {
        const string yaml = """
            features:
              order: [flush_first, unload_first, no_flush]
            state:
              link: { initial: up, values: [up, down] }
            callbacks:
              - name: flush
                chain: panic
                priority: 2
                if: order != no_flush
                do:
                  - if: order == unload_first
                    do: [ { set: link = down } ]
                  - emit: flushed
              - name: unload
                chain: panic
                priority: 1
                do: [ { set: link = down } ]
            invariants:
              - name: flushed-while-up
                happens: flushed
                while: link == up
                by: [end-of-panic]
            """;
        Assert.False(Model.Violates(yaml, Model.Run(yaml, "order=flush_first").Result, "flushed-while-up"));
        Assert.True(Model.Violates(yaml, Model.Run(yaml, "order=unload_first").Result, "flushed-while-up"));
        Assert.True(Model.Violates(yaml, Model.Run(yaml, "order=no_flush").Result, "flushed-while-up"));
    }

    [Fact]
    public void Happens_before_requires_the_first_event_before_every_second()
    {
        const string yaml = """
            features:
              swapped: [false, true]
            callbacks:
              - name: a
                chain: panic
                priority: 2
                do:
                  - if: swapped
                    do: [ { emit: b } ]
                  - emit: a
              - name: b
                chain: panic
                priority: 1
                do: [ { emit: b } ]
            invariants:
              - name: a-before-b
                happens-before: { first: a, then: b }
            """;
        Assert.False(Model.Violates(yaml, Model.Run(yaml, "swapped=false").Result, "a-before-b"));
        Assert.True(Model.Violates(yaml, Model.Run(yaml, "swapped=true").Result, "a-before-b"));
    }

    [Fact]
    public void Terminates_reaches_and_when_are_checked_against_the_run_outcome()
    {
        const string yaml = """
            knobs:
              kexec_crash_loaded: [false, true]
              panic_timeout: [0, 1]
            invariants:
              - name: reaches-restart
                when: "!kexec_crash_loaded"
                reaches: restart
              - name: terminates
                terminates: true
            """;
        Assert.True(Model.Violates(yaml, Model.Run(yaml, "panic_timeout=0").Result, "reaches-restart"));
        Assert.False(Model.Violates(yaml, Model.Run(yaml, "panic_timeout=1").Result, "reaches-restart"));
        Assert.False(Model.Violates(yaml, Model.Run(yaml, "kexec_crash_loaded=true").Result, "reaches-restart"));
        Assert.False(Model.Violates(yaml, Model.Run(yaml).Result, "terminates"));
    }

    [Fact]
    public void Entry_is_readable_in_conditions()
    {
        const string yaml = """
            entry: [panic, oops]
            invariants:
              - name: only-panics-halt
                when: entry == panic
                reaches: end-of-panic
            """;
        Assert.False(Model.Violates(yaml, Model.Run(yaml, "entry=panic").Result, "only-panics-halt"));
        Assert.False(Model.Violates(yaml, Model.Run(yaml, "entry=oops").Result, "only-panics-halt"));
    }
}
