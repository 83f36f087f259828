namespace PanicPath.Model.Tests.Scenarios;

public sealed class LocatedErrorTests
{
    [Fact]
    public void Malformed_yaml_is_located_where_the_parser_stopped()
    {
        var error = Model.Error("knobs:\n  arch: [x86_64, arm64\ncallbacks: []\n");
        Assert.StartsWith("test.yaml:", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected well-formed YAML", error.Message, StringComparison.Ordinal);
        Assert.True(error.Location.Line >= 2);
    }

    [Fact]
    public void A_file_that_is_not_a_mapping_is_refused_at_its_first_node()
    {
        var error = Model.Error("- a\n- b\n");
        Assert.Equal("test.yaml:1:1: expected a mapping with the keys scenario, kernel, cpus, panic-cpu, knobs, features, constraints, state, locks, setup, after-boot, helpers, hooks, callbacks, faults, entry, race, host, invariants, include", error.Message);
    }

    [Fact]
    public void An_unknown_top_level_key_is_named_with_its_place()
    {
        var error = Model.Error("scenario: x\ncallback: []\n");
        Assert.StartsWith("test.yaml:2:1: expected one of the keys", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("not 'callback'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_entry_list_is_refused_at_it_as_an_empty_knob_is_instead_of_exploring_nothing()
    {
        var error = Model.Error("scenario: x\nentry: []\n");
        Assert.Equal("test.yaml:2:8: expected at least one entry: panic, oops, warn, nmi", error.Message);
    }

    [Fact]
    public void An_unknown_knob_is_named_with_the_knobs_there_are()
    {
        var error = Model.Error("knobs:\n  crash_loaded: [true]\n");
        Assert.StartsWith("test.yaml:2:3: expected one of the kernel's knobs arch, kexec_crash_loaded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_inside_a_plain_condition_names_its_column_in_the_file()
    {
        var error = Model.Error("""
            features:
              fb: [true]
            callbacks:
              - name: n
                chain: panic
                if: fb && missing
            """);
        Assert.Equal(6, error.Location.Line);
        Assert.Equal(15, error.Location.Column);
        Assert.Contains("not 'missing'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_inside_a_quoted_condition_counts_the_quote()
    {
        var error = Model.Error("""
            features:
              fb: [true]
            constraints:
              - "fb &&"
            """);
        Assert.Equal("test.yaml:4:11: expected a name, a number, true, false, held(lock) or '('", error.Message);
    }

    [Fact]
    public void Comparing_a_symbol_with_a_number_is_refused_at_the_right_operand()
    {
        var error = Model.Error("""
            invariants:
              - name: x
                at: [restart]
                expect: arch == 3
            """);
        Assert.Equal("test.yaml:4:21: expected a symbol to compare with the left side, not a number", error.Message);
    }

    [Fact]
    public void A_condition_that_is_not_boolean_is_refused()
    {
        var error = Model.Error("constraints:\n  - panic_timeout + 1\n");
        Assert.Equal("test.yaml:2:5: expected a condition (true or false), not a number", error.Message);
    }

    [Fact]
    public void A_priority_must_be_a_constant_integer()
    {
        var error = Model.Error("""
            callbacks:
              - name: n
                chain: panic
                priority: panic_timeout
            """);
        Assert.Equal("test.yaml:4:15: expected a constant integer such as 10, INT_MIN + 10 or INT_MAX - 1", error.Message);
    }

    [Fact]
    public void An_undeclared_lock_is_named()
    {
        var error = Model.Error("""
            callbacks:
              - name: n
                chain: panic
                do:
                  - lock: ring
            """);
        Assert.Equal("test.yaml:5:15: expected the name of a lock declared under 'locks', not 'ring'", error.Message);
    }

    [Fact]
    public void A_call_to_a_missing_helper_is_named()
    {
        var error = Model.Error("""
            callbacks:
              - name: n
                chain: panic
                do:
                  - call: nowhere
            """);
        Assert.Equal("test.yaml:5:15: expected the name of a helper defined under 'helpers', not 'nowhere'", error.Message);
    }

    [Fact]
    public void An_invariant_on_an_event_nothing_emits_is_refused()
    {
        var error = Model.Error("""
            invariants:
              - name: x
                exactly-once: fb-flush
            """);
        Assert.StartsWith("test.yaml:3:19: expected an event some action emits or a kernel event", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_series_lists_exist_only_on_the_series_kernel_and_the_panic_list_only_on_mainline()
    {
        var mainline = Model.Error("callbacks:\n  - name: n\n    chain: pre_reboot\n");
        Assert.StartsWith("test.yaml:3:12: expected a mainline chain", mainline.Message, StringComparison.Ordinal);
        var series = Model.Error("kernel: series\ncallbacks:\n  - name: n\n    chain: panic\n");
        Assert.StartsWith("test.yaml:4:12: expected one of the series' lists", series.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_action_is_refused_with_the_actions_there_are()
    {
        var error = Model.Error("""
            callbacks:
              - name: n
                chain: panic
                do:
                  - sleep: 5
            """);
        Assert.StartsWith("test.yaml:5:9: expected an action with one of the keys set, lock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assigning_a_builtin_is_refused_with_what_may_be_assigned_there()
    {
        var error = Model.Error("""
            callbacks:
              - name: n
                chain: panic
                do:
                  - set: entry = oops
            """);
        Assert.Equal("test.yaml:5:14: expected a state variable, a feature or a knob kernel code may write (panic_timeout, panic_on_oops, panic_on_warn, panic_print, crash_kexec_post_notifiers), not 'entry'", error.Message);
    }

    [Fact]
    public void Assigning_a_value_of_the_wrong_type_points_at_the_value()
    {
        var error = Model.Error("""
            state:
              done: false
            setup:
              - set: done = 3
            """);
        Assert.Equal("test.yaml:4:17: expected a boolean (true or false) value for done", error.Message);
    }

    [Fact]
    public void A_fault_on_a_second_cpu_needs_two_cpus()
    {
        var error = Model.Error("cpus: 1\nfaults: [second-cpu-panics]\n");
        Assert.Equal("test.yaml:2:10: expected 'cpus: 2' or more for a fault on a second CPU", error.Message);
    }

    [Fact]
    public void Mixed_value_types_in_a_feature_are_refused_at_the_odd_value()
    {
        var error = Model.Error("features:\n  f: [true, 3]\n");
        Assert.Equal("test.yaml:2:13: expected a boolean (true or false) value for f, like the others, not '3'", error.Message);
    }

    [Fact]
    public void An_invariant_needs_exactly_one_check()
    {
        var error = Model.Error("invariants:\n  - name: x\n    terminates: true\n    exactly-once: panic-entry\n");
        Assert.StartsWith("test.yaml:2:5: expected exactly one check", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_boundary_name_is_checked()
    {
        var error = Model.Error("invariants:\n  - name: x\n    reaches: kdump\n");
        Assert.Equal("test.yaml:3:14: expected one of the boundaries crash-kernel-boot, restart, end-of-panic, end-of-oops, end-of-warn, host-stop, host-reset, host-pause, not 'kdump'", error.Message);
    }
}
