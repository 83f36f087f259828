namespace PanicPath.Model.Tests.Scenarios;

/// <summary>A knob written where the kernel does not let it be written is a located error naming the knob and why.</summary>
public sealed class KnobWriteErrorTests
{
    [Fact]
    public void A_panic_notifier_that_loads_a_crash_kernel_is_refused_at_the_knob()
    {
        var error = Model.Error("""
            callbacks:
              - name: loader
                chain: panic
                do:
                  - set: kexec_crash_loaded = true
            """);
        Assert.Equal(5, error.Location.Line);
        Assert.Equal(14, error.Location.Column);
        Assert.StartsWith("test.yaml:5:14: expected a state variable, a feature or a knob kernel code may write (panic_timeout, panic_on_oops, panic_on_warn, panic_print, crash_kexec_post_notifiers), not 'kexec_crash_loaded': a crash kernel is loaded or unloaded only by the kexec_load/kexec_file_load system call", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arch = arm64", "arch", "the architecture is the machine's")]
    [InlineData("in_interrupt = true", "in_interrupt", "the context the oops strikes in")]
    [InlineData("task = init", "task", "the task that oopses")]
    [InlineData("oops_limit_reached = true", "oops_limit_reached", "only oopses make true")]
    public void A_callback_may_never_write_what_describes_the_machine_or_the_fault(string assignment, string knob, string why)
    {
        var error = Model.Error($"""
            callbacks:
              - name: n
                chain: die
                do:
                  - set: {assignment}
            """);
        Assert.Equal(5, error.Location.Line);
        Assert.Contains($"not '{knob}': ", error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void After_boot_may_not_change_the_architecture()
    {
        var error = Model.Error("""
            after-boot:
              - set: arch = arm64
            """);
        Assert.StartsWith("test.yaml:2:10: expected a state variable, a feature or a knob the running system may change (panic_timeout, panic_on_oops, panic_on_warn, panic_print, crash_kexec_post_notifiers, kexec_crash_loaded), not 'arch'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_helper_that_loads_a_crash_kernel_serves_after_boot_but_is_refused_where_a_callback_reaches_it()
    {
        const string Body = """
            helpers:
              load:
                - set: kexec_crash_loaded = true
              admin:
                - call: load
            after-boot:
              - call: admin
            """;
        Assert.NotNull(Model.Compile(Body));

        var error = Model.Error(Body + """

            callbacks:
              - name: notifier
                chain: panic
                do:
                  - call: admin
            """);
        Assert.Equal(3, error.Location.Line);
        Assert.Equal(12, error.Location.Column);
        Assert.Contains("not 'kexec_crash_loaded'", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(in helper load, which callback notifier calls)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Panic_notifiers_level_may_be_written_at_run_time_only_on_the_series()
    {
        var error = Model.Error("""
            kernel: mainline-6.1
            callbacks:
              - name: n
                chain: panic
                do:
                  - set: panic_notifiers_level = 4
            """);
        Assert.Contains("not 'panic_notifiers_level': panic_notifiers_level is the series' core parameter", error.Message, StringComparison.Ordinal);

        Assert.NotNull(Model.Compile("""
            kernel: series-v1
            callbacks:
              - name: n
                chain: hypervisor
                do:
                  - set: panic_notifiers_level = 4
            """));
    }

    [Theory]
    [InlineData("setup")]
    [InlineData("after-boot")]
    public void A_panic_at_boot_or_after_it_is_refused_as_the_entry_point_starts_the_fatal_path(string key)
    {
        var error = Model.Error($"""
            {key}:
              - panic: too early
            """);
        Assert.Equal($"test.yaml:2:5: expected panic: only in callbacks and the helpers they call, not in {key}: the fatal path starts at the entry point, after boot", error.Message);
    }

    [Fact]
    public void A_panic_in_a_helper_that_setup_calls_is_refused_at_the_panic()
    {
        var error = Model.Error("""
            helpers:
              boom:
                - panic: too early
            setup:
              - call: boom
            """);
        Assert.StartsWith("test.yaml:3:7: expected panic: only in callbacks and the helpers they call, not in helper boom, which setup calls, setup", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Setup_may_still_set_every_knob()
    {
        Assert.NotNull(Model.Compile("""
            setup:
              - set: arch = arm64
              - set: kexec_crash_loaded = true
              - set: in_interrupt = true
            """));
    }
}
