using PanicPath.Model.Kernel;

namespace PanicPath.Model.Tests.Scenarios;

/// <summary>
/// Liveness invariants on small scenarios with known answers: <c>at-least-once</c>, <c>happens … by:</c> without
/// <c>while:</c>, <c>reaches:</c> with a list and with <c>expect:</c>, and what a hang does to each of them.
/// </summary>
public sealed class LivenessTests
{
    /// <summary>A panic notifier that never returns when <c>stuck</c>; the kmsg dump comes after the panic list.</summary>
    private const string Stuck = """
        features:
          stuck: [false, true]
        callbacks:
          - name: hog
            chain: panic
            if: stuck
            do: [never-return]
        entry: [panic, oops]
        invariants:
          - name: dump-on-every-panic
            when: entry == panic
            at-least-once: kmsg-dump
          - name: dump-by-the-end
            happens: kmsg-dump
            by: [end-of-panic]
          - name: terminates
            terminates: true
        """;

    [Fact]
    public void A_hang_before_the_event_violates_at_least_once_and_the_step_names_the_hang()
    {
        var (result, trace) = Model.Run(Stuck, "stuck=true,entry=panic");
        Assert.Equal(Boundary.Hang, result.Outcome);
        Assert.True(Model.Violates(Stuck, result, "dump-on-every-panic"));
        Assert.Contains(Model.Steps(trace), s => s.EndsWith("invariant dump-on-every-panic violated: the run hangs before kmsg-dump: cpu0 hog never returns", StringComparison.Ordinal));
    }

    [Fact]
    public void A_hang_is_a_violation_of_each_liveness_invariant_it_breaks_not_only_of_terminates()
    {
        var (result, _) = Model.Run(Stuck, "stuck=true,entry=panic");
        Assert.True(Model.Violates(Stuck, result, "terminates"));
        Assert.True(Model.Violates(Stuck, result, "dump-on-every-panic"));
        Assert.True(Model.Violates(Stuck, result, "dump-by-the-end"));
    }

    [Fact]
    public void A_run_that_hangs_before_the_deadline_without_the_event_misses_happens_by()
    {
        var (result, trace) = Model.Run(Stuck, "stuck=true,entry=panic");
        Assert.True(Model.Violates(Stuck, result, "dump-by-the-end"));
        Assert.Contains(Model.Steps(trace), s => s.EndsWith(
            "invariant dump-by-the-end violated: the run hangs before kmsg-dump, so it misses its deadline (end-of-panic): cpu0 hog never returns", StringComparison.Ordinal));
    }

    [Fact]
    public void A_run_that_gets_to_the_event_keeps_both_and_a_run_that_ends_elsewhere_is_judged_only_by_at_least_once()
    {
        var (fine, _) = Model.Run(Stuck, "stuck=false,entry=panic");
        Assert.Equal(0UL, fine.Violated);

        // An oops that does not escalate ends at end-of-oops: at-least-once does not apply (when: entry == panic)
        // and the happens-by deadline (end-of-panic) never comes, so neither is broken.
        var (oops, _) = Model.Run(Stuck, "stuck=false,entry=oops");
        Assert.Equal(Boundary.EndOfOops, oops.Outcome);
        Assert.Equal(0UL, oops.Violated);
    }

    [Fact]
    public void A_run_that_ends_at_a_boundary_without_the_event_violates_at_least_once()
    {
        const string yaml = """
            entry: [oops]
            invariants:
              - name: panics
                at-least-once: panic-entry
              - name: panics-by-the-end
                happens: panic-entry
                by: [end-of-panic]
            """;
        var (result, trace) = Model.Run(yaml);
        Assert.Equal(Boundary.EndOfOops, result.Outcome);
        Assert.True(Model.Violates(yaml, result, "panics"));
        Assert.False(Model.Violates(yaml, result, "panics-by-the-end"));
        Assert.Contains(Model.Steps(trace), s => s.EndsWith("invariant panics violated: the run ends at end-of-oops without panic-entry", StringComparison.Ordinal));
    }

    [Fact]
    public void An_event_that_happened_before_the_hang_keeps_at_least_once_and_happens_by()
    {
        const string yaml = """
            callbacks:
              - name: dumper
                chain: kmsg_dump
                max-reason: PANIC
                do: [never-return]
            invariants:
              - name: dumped
                at-least-once: kmsg-dump
              - name: dumped-by-the-end
                happens: kmsg-dump
                by: [end-of-panic]
              - name: terminates
                terminates: true
            """;
        var (result, _) = Model.Run(yaml);
        Assert.Equal(Boundary.Hang, result.Outcome);
        Assert.True(Model.Violates(yaml, result, "terminates"));
        Assert.False(Model.Violates(yaml, result, "dumped"));
        Assert.False(Model.Violates(yaml, result, "dumped-by-the-end"));
    }

    [Fact]
    public void Happens_by_without_while_still_requires_the_event_at_a_listed_boundary()
    {
        const string yaml = """
            features:
              flush: [false, true]
            callbacks:
              - name: fb
                chain: panic
                if: flush
                do: [ { emit: fb-flush } ]
            invariants:
              - name: flushed
                happens: fb-flush
                by: [end-of-panic]
            """;
        var (missed, trace) = Model.Run(yaml, "flush=false");
        Assert.True(Model.Violates(yaml, missed, "flushed"));
        Assert.Contains(Model.Steps(trace), s => s.EndsWith("invariant flushed violated: fb-flush has not happened by end-of-panic", StringComparison.Ordinal));
        var (kept, _) = Model.Run(yaml, "flush=true");
        Assert.False(Model.Violates(yaml, kept, "flushed"));
    }

    [Fact]
    public void Reaches_with_a_list_holds_at_any_listed_boundary_and_names_the_other_end_or_the_hang()
    {
        const string yaml = """
            knobs:
              panic_timeout: [0, 10]
            features:
              stuck: [false, true]
            callbacks:
              - name: hog
                chain: panic
                if: stuck
                do: [never-return]
            entry: [panic, oops]
            invariants:
              - name: ends-the-panic
                reaches: [end-of-panic, restart]
            """;
        Assert.False(Model.Violates(yaml, Model.Run(yaml, "panic_timeout=0,stuck=false").Result, "ends-the-panic"));
        Assert.False(Model.Violates(yaml, Model.Run(yaml, "panic_timeout=10,stuck=false").Result, "ends-the-panic"));

        var (oops, oopsTrace) = Model.Run(yaml, "stuck=false,entry=oops");
        Assert.True(Model.Violates(yaml, oops, "ends-the-panic"));
        Assert.Contains(Model.Steps(oopsTrace), s => s.EndsWith("invariant ends-the-panic violated: the run ends at end-of-oops", StringComparison.Ordinal));

        var (hung, hungTrace) = Model.Run(yaml, "stuck=true");
        Assert.True(Model.Violates(yaml, hung, "ends-the-panic"));
        Assert.Contains(Model.Steps(hungTrace), s => s.EndsWith(
            "invariant ends-the-panic violated: the run hangs before reaching restart or end-of-panic: cpu0 hog never returns", StringComparison.Ordinal));
    }

    [Fact]
    public void Reaches_with_expect_requires_both_the_end_and_the_state_there()
    {
        const string yaml = """
            knobs:
              kexec_crash_loaded: [false, true]
            features:
              unload: [false, true]
            state:
              vmbus: { initial: connected, values: [connected, unloaded] }
            callbacks:
              - name: shutdown
                chain: crash_shutdown
                if: unload
                do: [ { set: vmbus = unloaded } ]
            invariants:
              - name: kdump-with-the-channel-unloaded
                when: kexec_crash_loaded
                reaches: crash-kernel-boot
                expect: vmbus == unloaded
            """;
        Assert.False(Model.Violates(yaml, Model.Run(yaml, "kexec_crash_loaded=true,unload=true").Result, "kdump-with-the-channel-unloaded"));
        var (connected, trace) = Model.Run(yaml, "kexec_crash_loaded=true,unload=false");
        Assert.Equal(Boundary.CrashKernelBoot, connected.Outcome);
        Assert.True(Model.Violates(yaml, connected, "kdump-with-the-channel-unloaded"));
        Assert.Contains(Model.Steps(trace), s => s.EndsWith("the condition is false at crash-kernel-boot", StringComparison.Ordinal));
        Assert.False(Model.Violates(yaml, Model.Run(yaml, "kexec_crash_loaded=false").Result, "kdump-with-the-channel-unloaded"));
    }

    [Fact]
    public void At_is_not_checked_on_a_hang_and_reaches_with_expect_is()
    {
        const string yaml = """
            state:
              done: false
            callbacks:
              - name: hog
                chain: panic
                do: [never-return]
            invariants:
              - name: done-at-the-end
                at: [end-of-panic]
                expect: done
              - name: ends-done
                reaches: end-of-panic
                expect: done
            """;
        var (result, _) = Model.Run(yaml);
        Assert.Equal(Boundary.Hang, result.Outcome);
        Assert.False(Model.Violates(yaml, result, "done-at-the-end"));
        Assert.True(Model.Violates(yaml, result, "ends-done"));
    }

    [Fact]
    public void Happens_needs_while_or_by_and_says_so_at_the_invariant()
    {
        var error = Model.Error("invariants:\n  - name: x\n    happens: kmsg-dump\n");
        Assert.Equal("test.yaml:2:5: expected 'while: condition', 'by: [boundaries]', 'within: duration' or several with 'happens'", error.Message);
    }

    [Fact]
    public void At_least_once_on_an_event_nothing_emits_is_refused_at_the_event()
    {
        var error = Model.Error("invariants:\n  - name: x\n    at-least-once: fb-flush\n");
        Assert.StartsWith("test.yaml:3:20: expected an event some action emits or a kernel event", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("not 'fb-flush'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_boundary_in_a_reaches_list_is_refused_at_that_item()
    {
        var error = Model.Error("invariants:\n  - name: x\n    reaches: [end-of-panic, kdump]\n");
        Assert.StartsWith("test.yaml:3:29: expected one of the boundaries crash-kernel-boot", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("not 'kdump'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_boundary_list_is_refused()
    {
        var error = Model.Error("invariants:\n  - name: x\n    reaches: []\n");
        Assert.Equal("test.yaml:3:14: expected at least one boundary", error.Message);
    }

    [Fact]
    public void Expect_with_neither_at_nor_reaches_and_at_without_expect_are_refused()
    {
        Assert.StartsWith("test.yaml:2:5: expected 'at: [boundaries]' with 'expect'",
            Model.Error("invariants:\n  - name: x\n    expect: true\n").Message, StringComparison.Ordinal);
        Assert.StartsWith("test.yaml:3:9: expected 'at' only with 'expect'",
            Model.Error("invariants:\n  - name: x\n    at: [restart]\n    terminates: true\n").Message, StringComparison.Ordinal);
    }
}
