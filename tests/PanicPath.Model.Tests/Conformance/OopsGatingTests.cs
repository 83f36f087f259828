using PanicPath.Model.Kernel;

namespace PanicPath.Model.Tests.Conformance;

/// <summary>The oops path as x86 <c>oops_end()</c> and arm64 <c>die()</c> run it, gated by <c>kexec_should_crash()</c>.</summary>
public sealed class OopsGatingTests
{
    private const string Yaml = """
        kernel: mainline-6.1
        knobs:
          arch: [x86_64, arm64]
          kexec_crash_loaded: [true]
          crash_kexec_post_notifiers: [false, true]
          panic_on_oops: [true]
          in_interrupt: [false, true]
        callbacks:
          - name: on_panic
            chain: panic
            do: [ { emit: notified } ]
        entry: [oops]
        """;

    /// <summary>
    /// <c>kexec_should_crash()</c> (kernel/kexec_core.c) returns 0 when <c>crash_kexec_post_notifiers</c> is set:
    /// the oops goes through <c>panic()</c>, whose notifiers run before <c>__crash_kexec</c>.
    /// </summary>
    [Theory]
    [InlineData("in_interrupt=false")]
    [InlineData("in_interrupt=true")]
    public void With_crash_kexec_post_notifiers_an_oops_that_must_crash_runs_the_panic_notifiers_before_kdump(string context)
    {
        var (result, trace) = Model.Run(Yaml, $"crash_kexec_post_notifiers=true,{context}");
        Assert.Equal(Boundary.CrashKernelBoot, result.Outcome);
        Assert.True(Model.IndexOf(trace, "kexec_should_crash: 0, crash_kexec_post_notifiers") >= 0);
        Assert.True(Model.IndexOf(trace, "emit notified") >= 0);
        Assert.True(Model.IndexOf(trace, "emit notified") < Model.IndexOf(trace, "crash kernel boots"));
    }

    /// <summary>Without the flag <c>kexec_should_crash()</c> is 1 with <c>panic_on_oops</c>: <c>crash_kexec()</c> from the oops, no notifier.</summary>
    [Fact]
    public void Without_crash_kexec_post_notifiers_the_oops_boots_the_crash_kernel_before_any_panic_notifier()
    {
        var (result, trace) = Model.Run(Yaml, "crash_kexec_post_notifiers=false");
        Assert.Equal(Boundary.CrashKernelBoot, result.Outcome);
        Assert.Equal(-1, Model.IndexOf(trace, "emit notified"));
    }

    /// <summary>In the series <c>kexec_should_crash()</c> asks <c>panic_notifiers_before_kdump()</c>: at the default level 2 the hypervisor list runs first.</summary>
    [Fact]
    public void In_the_series_an_oops_waits_for_panic_when_the_level_puts_notifiers_before_kdump()
    {
        const string yaml = """
            kernel: series-v1
            knobs:
              kexec_crash_loaded: [true]
              panic_on_oops: [true]
              panic_notifiers_level: [0, 2]
            callbacks:
              - name: hv
                chain: hypervisor
                do: [ { emit: notified } ]
            entry: [oops]
            """;
        var (level2, trace2) = Model.Run(yaml, "panic_notifiers_level=2");
        Assert.Equal(Boundary.CrashKernelBoot, level2.Outcome);
        Assert.True(Model.IndexOf(trace2, "panic_notifiers_before_kdump()") >= 0);
        Assert.True(Model.IndexOf(trace2, "emit notified") >= 0);
        var (_, trace0) = Model.Run(yaml, "panic_notifiers_level=0");
        Assert.Equal(-1, Model.IndexOf(trace0, "emit notified"));
    }

    private const string Stopper = """
        kernel: mainline-6.1
        knobs:
          arch: [x86_64, arm64]
          panic_on_oops: [false, true]
          in_interrupt: [false, true]
        callbacks:
          - name: kgdb_like
            chain: die
            do: [ { return: NOTIFY_STOP } ]
          - name: on_panic
            chain: panic
            do: [ { emit: notified } ]
        entry: [oops]
        """;

    /// <summary>x86 <c>__die_body()</c>: NOTIFY_STOP makes <c>die()</c> pass signr 0, and <c>oops_end()</c> returns before any panic.</summary>
    [Fact]
    public void On_x86_a_die_notifier_answering_NOTIFY_STOP_returns_without_panicking_even_with_panic_on_oops()
    {
        var (result, trace) = Model.Run(Stopper, "arch=x86_64,panic_on_oops=true,in_interrupt=true");
        Assert.Equal(Boundary.EndOfOops, result.Outcome);
        Assert.Equal(-1, Model.IndexOf(trace, "emit notified"));
    }

    /// <summary>arm64 <c>die()</c> (arch/arm64/kernel/traps.c) tests <c>in_interrupt()</c> and <c>panic_on_oops</c> whatever <c>__die()</c> answered.</summary>
    [Theory]
    [InlineData("panic_on_oops=true,in_interrupt=false")]
    [InlineData("panic_on_oops=false,in_interrupt=true")]
    public void On_arm64_a_die_notifier_answering_NOTIFY_STOP_still_panics(string config)
    {
        var (result, trace) = Model.Run(Stopper, "arch=arm64," + config);
        Assert.Equal(Boundary.EndOfPanic, result.Outcome);
        Assert.True(Model.IndexOf(trace, "emit notified") >= 0);
    }

    /// <summary>arm64 <c>die()</c> skips <c>make_task_dead()</c> after NOTIFY_STOP: the kernel goes on.</summary>
    [Fact]
    public void On_arm64_NOTIFY_STOP_without_an_escalation_skips_make_task_dead()
    {
        var (result, trace) = Model.Run(Stopper, "arch=arm64,panic_on_oops=false,in_interrupt=false");
        Assert.Equal(Boundary.EndOfOops, result.Outcome);
        Assert.True(Model.IndexOf(trace, "make_task_dead is not called") >= 0);
    }
}
