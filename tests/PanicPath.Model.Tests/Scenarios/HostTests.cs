using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Tests.Scenarios;

/// <summary>
/// The host as a party: <c>hypercall:</c> ends the VM on purpose (not a hang), and the reactions under <c>host:</c>
/// take effect at the moment of their event; their bad input is refused with its place.
/// </summary>
public sealed class HostTests
{
    [Fact]
    public void A_crash_hypercall_ends_the_run_at_host_stop_and_is_not_a_terminates_violation()
    {
        const string yaml = """
            callbacks:
              - name: xen_panic_event
                chain: panic
                priority: 1
                do:
                  - hypercall: crash
                  - emit: after-hypercall
              - name: later
                chain: panic
            invariants:
              - name: terminates
                terminates: true
              - name: host-stops
                reaches: host-stop
            """;
        var (result, trace) = Model.Run(yaml);
        Assert.Equal(Boundary.HostStop, result.Outcome);
        Assert.Null(result.HangReason);
        Assert.Equal(0UL, result.Violated);
        Assert.True(Model.IndexOf(trace, "host: hypercall crash: the host stops the VM as crashed") > 0);
        Assert.Equal(-1, Model.IndexOf(trace, "emit after-hypercall"));
        Assert.Equal(-1, Model.IndexOf(trace, "later: called"));
    }

    [Fact]
    public void A_reset_hypercall_ends_the_run_at_host_reset_while_never_return_stays_a_hang()
    {
        const string Template = """
            callbacks:
              - name: n
                chain: panic
                do: [ACTION]
            invariants:
              - name: terminates
                terminates: true
            """;
        var reset = Template.Replace("ACTION", "{ hypercall: reset }", StringComparison.Ordinal);
        var (result, _) = Model.Run(reset);
        Assert.Equal(Boundary.HostReset, result.Outcome);
        Assert.False(Model.Violates(reset, result, "terminates"));
        var never = Template.Replace("ACTION", "never-return", StringComparison.Ordinal);
        var (hung, _) = Model.Run(never);
        Assert.Equal(Boundary.Hang, hung.Outcome);
        Assert.True(Model.Violates(never, hung, "terminates"));
    }

    private const string Pvpanic = """
        features:
          pauses: [true, false]
        callbacks:
          - name: pvpanic_panic_notify
            chain: panic
            priority: INT_MAX
            do:
              - report: pvpanic-panicked
              - emit: after-report
          - name: info
            chain: panic
            do:
              - report: log-page
        host:
          - on: host-report
            kind: pvpanic-panicked
            if: pauses
            do: pause
        invariants:
          - name: log-dumped
            at-least-once: kmsg-dump
          - name: terminates
            terminates: true
        """;

    [Fact]
    public void A_pause_reaction_ends_the_run_at_host_pause_right_after_the_report()
    {
        var (result, trace) = Model.Run(Pvpanic, "pauses=true");
        Assert.Equal(Boundary.HostPause, result.Outcome);
        var steps = Model.Steps(trace);
        var report = steps.FindIndex(s => s == "pvpanic_panic_notify: emit host-report");
        Assert.Equal("host: on host-report (pvpanic-panicked): the host pauses the VM", steps[report + 1]);
        Assert.Equal(-1, Model.IndexOf(trace, "emit after-report"));
        Assert.Equal(-1, Model.IndexOf(trace, "info: called"));
        Assert.False(Model.Violates(Pvpanic, result, "terminates"));
        Assert.True(Model.Violates(Pvpanic, result, "log-dumped"));
        Assert.EndsWith("invariant log-dumped violated: the run ends at host-pause without kmsg-dump", steps[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_reaction_whose_if_is_false_or_whose_kind_differs_lets_the_guest_go_on()
    {
        var (result, trace) = Model.Run(Pvpanic, "pauses=false");
        Assert.Equal(Boundary.EndOfPanic, result.Outcome);
        Assert.True(Model.IndexOf(trace, "host: on host-report (pvpanic-panicked): if pauses: false, no reaction") > 0);
        Assert.True(Model.IndexOf(trace, "emit after-report") > 0);

        // A reaction on the log-page kind lets the pvpanic report go by and pauses on info's log page.
        var onLogPage = Pvpanic.Replace("kind: pvpanic-panicked", "kind: log-page", StringComparison.Ordinal);
        var (paused, pausedTrace) = Model.Run(onLogPage, "pauses=true");
        Assert.Equal(Boundary.HostPause, paused.Outcome);
        Assert.True(Model.IndexOf(pausedTrace, "emit after-report") > 0);
        Assert.True(Model.IndexOf(pausedTrace, "host: on host-report (log-page): the host pauses the VM") > Model.IndexOf(pausedTrace, "info: emit host-report"));
    }

    [Fact]
    public void A_dump_reaction_emits_host_dump_and_the_run_goes_on()
    {
        const string yaml = """
            callbacks:
              - name: reporter
                chain: panic
                do:
                  - report: crash-registers
                  - emit: went-on
            host:
              - on: host-report
                do: dump
            invariants:
              - name: dumped-once
                exactly-once: host-dump
              - name: dump-before-going-on
                happens-before: { first: host-dump, then: went-on }
            """;
        var (result, trace) = Model.Run(yaml);
        Assert.Equal(Boundary.EndOfPanic, result.Outcome);
        Assert.Equal(0UL, result.Violated);
        var dump = Model.IndexOf(trace, "host: on host-report: the host dumps the VM's memory; the guest goes on");
        Assert.True(dump > Model.IndexOf(trace, "reporter: emit host-report"));
        Assert.True(dump < Model.IndexOf(trace, "reporter: emit went-on"));
    }

    [Fact]
    public void A_reaction_may_answer_a_kernel_event_or_an_emitted_one_and_a_boundary_event_with_a_dump()
    {
        const string yaml = """
            knobs:
              kexec_crash_loaded: [true]
            callbacks:
              - name: shutdown
                chain: crash_shutdown
                do: [ { emit: unloaded } ]
            host:
              - on: crash-kernel-boot
                do: dump
            invariants:
              - name: dumped
                at-least-once: host-dump
            """;
        var (result, _) = Model.Run(yaml);
        Assert.Equal(Boundary.CrashKernelBoot, result.Outcome);
        Assert.False(Model.Violates(yaml, result, "dumped"));

        var stopOnEmit = yaml.Replace("on: crash-kernel-boot\n    do: dump", "on: unloaded\n    do: stop", StringComparison.Ordinal);
        Assert.NotEqual(yaml, stopOnEmit);
        var (stopped, trace) = Model.Run(stopOnEmit);
        Assert.Equal(Boundary.HostStop, stopped.Outcome);
        Assert.Equal(-1, Model.IndexOf(trace, "the crash kernel boots"));
    }

    [Theory]
    [InlineData("panic-entry", "panic", "smp_send_stop")]
    [InlineData("stop-other-cpus", "panic", "walk panic")]
    [InlineData("kmsg-dump", "panic", "console_flush_on_panic")]
    [InlineData("console-flush", "panic", "loops forever")]
    [InlineData("host-report", "oops", "kexec_should_crash")]
    public void A_host_end_on_a_kernel_event_is_where_the_run_ends_and_nothing_of_the_kernel_runs_after_it(string on, string entry, string next)
    {
        var yaml = $$"""
            knobs:
              crash_kexec_post_notifiers: [true]
            callbacks:
              - name: die_report
                chain: die
                do: [ { report: crash-registers } ]
            entry: [{{entry}}]
            host:
              - on: {{on}}
                do: stop
            """;
        var (result, trace) = Model.Run(yaml);
        Assert.Equal(Boundary.HostStop, result.Outcome);
        Assert.Equal($"host: on {on}: the host stops the VM", Model.Steps(trace)[^1]);
        Assert.Equal(-1, Model.IndexOf(trace, next));
    }

    [Fact]
    public void A_host_end_before_the_event_misses_a_happens_by_deadline_unless_by_names_it()
    {
        const string yaml = """
            callbacks:
              - name: n
                chain: panic
                do: [ { hypercall: crash } ]
            invariants:
              - name: dump-by-the-end
                happens: kmsg-dump
                by: [end-of-panic]
              - name: dump-by-any-end
                happens: kmsg-dump
                by: [end-of-panic, host-stop]
              - name: stops-with-a-report
                at: [host-stop]
                expect: host_reports > 0
            """;
        var (result, trace) = Model.Run(yaml);
        Assert.Equal(Boundary.HostStop, result.Outcome);
        Assert.True(Model.Violates(yaml, result, "dump-by-the-end"));
        Assert.True(Model.Violates(yaml, result, "dump-by-any-end"));
        Assert.True(Model.Violates(yaml, result, "stops-with-a-report"));
        var steps = Model.Steps(trace);
        Assert.Contains(steps, s => s.EndsWith("invariant dump-by-the-end violated: the host ends the run at host-stop before kmsg-dump, so it misses its deadline (end-of-panic)", StringComparison.Ordinal));
        Assert.Contains(steps, s => s.EndsWith("invariant dump-by-any-end violated: kmsg-dump has not happened by host-stop", StringComparison.Ordinal));
        Assert.Contains(steps, s => s.EndsWith("invariant stops-with-a-report violated: the condition is false at host-stop", StringComparison.Ordinal));
    }

    [Fact]
    public void A_setup_that_ends_the_run_is_judged_on_its_own_run_not_on_the_one_before()
    {
        const string yaml = """
            features:
              stop_at_boot: [false, true]
            setup:
              - if: stop_at_boot
                do: [ { hypercall: crash } ]
            invariants:
              - name: panics
                when: "!stop_at_boot"
                at-least-once: host-report
            """;

        // The first configuration (stop_at_boot=false) violates 'panics'; the second ends in setup, where
        // 'panics' does not apply.
        var violation = Assert.Single(Model.Violations(Model.Compile(yaml)));
        Assert.Equal("false", violation.Configuration["stop_at_boot"]);
        var (result, _) = Model.Run(yaml, "stop_at_boot=true");
        Assert.Equal(Boundary.HostStop, result.Outcome);
    }

    [Fact]
    public void The_pvpanic_example_pauses_before_kdump_only_when_the_host_pauses_on_crash_loaded()
    {
        var scenario = ScenarioParser.ParseFile(Path.Combine(Model.Examples, "..", "pvpanic", "pause-on-panic.yaml"));
        var violations = Model.Violations(scenario);
        var kdump = violations.Where(v => v.Invariant == "kdump-reached").ToList();
        Assert.Equal(2, kdump.Count);
        Assert.All(kdump, v =>
        {
            Assert.Equal(Boundary.HostPause, v.Outcome);
            Assert.Equal("true", v.Configuration["crash_kexec_post_notifiers"]);
            Assert.Equal("true", v.Configuration["pause_on_crash_loaded"]);
        });
        var log = violations.Where(v => v.Invariant == "log-dumped-on-every-panic").ToList();
        Assert.Equal(4, log.Count);
        Assert.All(log, v => Assert.Equal("pause", v.Configuration["host_on_panic"]));
        Assert.DoesNotContain(violations, v => v.Invariant == "terminates");
    }

    [Theory]
    [InlineData("host:\n  - on: fb-flush\n    do: pause\n", "test.yaml:2:9: expected an event some action emits or a kernel event")]
    [InlineData("host:\n  - on: host-report\n    do: kill\n", "test.yaml:3:9: expected one of the host's reactions pause, reset, stop, dump, not 'kill'")]
    [InlineData("host:\n  - on: panic-entry\n    kind: crash-registers\n    do: stop\n", "test.yaml:3:11: expected 'kind' only with 'on: host-report', not with 'on: panic-entry'")]
    [InlineData("host:\n  - on: end-of-panic\n    do: reset\n", "test.yaml:3:9: expected only 'dump' on end-of-panic: the run has already ended there")]
    [InlineData("host:\n  - on: host-dump\n    do: dump\n", "test.yaml:3:9: expected pause, reset or stop on host-dump: a dump answering a dump would never end")]
    [InlineData("host:\n  - do: pause\n", "test.yaml:2:5: expected an 'on: event' for the host's reaction")]
    [InlineData("host:\n  - on: host-report\n", "test.yaml:2:5: expected a 'do: pause|reset|stop|dump' or a 'set: state = expression' for the host's reaction")]
    [InlineData("host:\n  - on: host-report\n    then: pause\n", "test.yaml:3:5: expected one of the keys on, kind, if, do, set, not 'then'")]
    [InlineData("host:\n  - on: host-report\n    if: nope\n    do: pause\n", "test.yaml:3:9: expected a known name")]
    [InlineData("callbacks:\n  - name: n\n    chain: panic\n    do: [ { hypercall: halt } ]\n", "test.yaml:4:24: expected a hypercall that ends the VM: crash or reset, not 'halt'")]
    [InlineData("invariants:\n  - name: x\n    reaches: host-paused\n", "test.yaml:3:14: expected one of the boundaries crash-kernel-boot, restart, end-of-panic, end-of-oops, end-of-warn, host-stop, host-reset, host-pause, not 'host-paused'")]
    public void Bad_host_input_is_refused_with_its_place(string yaml, string expected)
    {
        Assert.StartsWith(expected, Model.Error(yaml).Message, StringComparison.Ordinal);
    }
}
