using PanicPath.Model.Kernel;

namespace PanicPath.Model.Tests.Conformance;

/// <summary><c>make_task_dead()</c>, <c>check_panic_on_warn()</c>, <c>nmi_panic()</c> and <c>panic_print</c>.</summary>
public sealed class EscalationTests
{
    private const string Oops = """
        knobs:
          task: [process, init, idle]
          oops_limit_reached: [false, true]
        callbacks:
          - name: on_panic
            chain: panic
            do: [ { emit: notified } ]
        entry: [oops]
        """;

    /// <summary><c>make_task_dead()</c> (kernel/exit.c): an oops in an ordinary task kills only the task.</summary>
    [Fact]
    public void An_oops_in_an_ordinary_task_kills_the_task_and_the_kernel_goes_on()
    {
        var (result, trace) = Model.Run(Oops, "task=process");
        Assert.Equal(Boundary.EndOfOops, result.Outcome);
        Assert.True(Model.IndexOf(trace, "make_task_dead: the task is killed") >= 0);
    }

    /// <summary><c>make_task_dead()</c> panics for the idle task; <c>do_exit()</c> panics when init dies.</summary>
    [Theory]
    [InlineData("task=idle", "Attempted to kill the idle task!")]
    [InlineData("task=init", "Attempted to kill init!")]
    public void Killing_the_idle_task_or_init_panics(string config, string message)
    {
        var (result, trace) = Model.Run(Oops, config);
        Assert.Equal(Boundary.EndOfPanic, result.Outcome);
        Assert.True(Model.IndexOf(trace, message) >= 0);
        Assert.True(Model.IndexOf(trace, "emit notified") >= 0);
    }

    /// <summary>6.1's <c>make_task_dead()</c> panics at <c>oops_limit</c>; 5.18 has no such limit.</summary>
    [Fact]
    public void The_oops_limit_panics_in_6_1_and_not_in_5_18()
    {
        var (limited, trace) = Model.Run(Oops, "oops_limit_reached=true");
        Assert.Equal(Boundary.EndOfPanic, limited.Outcome);
        Assert.True(Model.IndexOf(trace, "Oopsed too often") >= 0);
        var (old, _) = Model.Run("kernel: mainline-5.18\n" + Oops, "oops_limit_reached=true");
        Assert.Equal(Boundary.EndOfOops, old.Outcome);
    }

    /// <summary><c>kexec_should_crash()</c> is 1 for init and the idle task: kdump straight from the oops.</summary>
    [Fact]
    public void An_oops_in_init_with_a_crash_kernel_boots_it_before_the_notifiers()
    {
        const string yaml = """
            knobs:
              kexec_crash_loaded: [true]
              task: [init]
            callbacks:
              - name: on_panic
                chain: panic
                do: [ { emit: notified } ]
            entry: [oops]
            """;
        var (result, trace) = Model.Run(yaml);
        Assert.Equal(Boundary.CrashKernelBoot, result.Outcome);
        Assert.Equal(-1, Model.IndexOf(trace, "emit notified"));
    }

    private const string Warn = """
        knobs:
          panic_on_warn: [false, true]
        callbacks:
          - name: on_panic
            chain: panic
            do: [ { emit: notified } ]
        entry: [warn]
        """;

    /// <summary><c>__warn()</c> → <c>check_panic_on_warn()</c> (kernel/panic.c): a warning panics only with <c>panic_on_warn</c>.</summary>
    [Fact]
    public void A_warning_panics_only_with_panic_on_warn()
    {
        var (warned, _) = Model.Run(Warn, "panic_on_warn=false");
        Assert.Equal(Boundary.EndOfWarn, warned.Outcome);
        var (panicked, trace) = Model.Run(Warn, "panic_on_warn=true");
        Assert.Equal(Boundary.EndOfPanic, panicked.Outcome);
        Assert.True(Model.IndexOf(trace, "panic_on_warn set") >= 0);
        Assert.True(Model.IndexOf(trace, "emit notified") >= 0);
    }

    /// <summary><c>nmi_panic()</c> (kernel/panic.c): the CPU that claims panic_cpu goes through <c>panic()</c>.</summary>
    [Fact]
    public void Nmi_panic_claims_panic_cpu_and_panics()
    {
        var (result, trace) = Model.Run("entry: [nmi]\ncallbacks:\n  - name: on_panic\n    chain: panic\n    do: [ { emit: notified } ]\n");
        Assert.Equal(Boundary.EndOfPanic, result.Outcome);
        Assert.True(Model.IndexOf(trace, "nmi_panic: panic_cpu is free") < Model.IndexOf(trace, "emit notified"));
    }

    /// <summary>
    /// <c>panic_print</c> (kernel/panic.c): 0x40 backtraces all CPUs before they are stopped
    /// (<c>panic_other_cpus_shutdown</c>), 0x08 prints the locks before the kmsg dump, 0x20 replays the log
    /// after the console flush.
    /// </summary>
    [Fact]
    public void Panic_print_backtraces_before_the_stop_prints_before_the_dump_and_replays_after_the_flush()
    {
        var (_, trace) = Model.Run("knobs:\n  panic_print: [0, 104]\n", "panic_print=104");
        var backtrace = Model.IndexOf(trace, "trigger_all_cpu_backtrace");
        Assert.True(backtrace >= 0 && backtrace < Model.IndexOf(trace, "smp_send_stop"));
        var locks = Model.IndexOf(trace, "panic_print_sys_info: debug_show_all_locks");
        Assert.True(locks >= 0 && locks < Model.IndexOf(trace, "kmsg_dump(PANIC)"));
        Assert.True(Model.IndexOf(trace, "CONSOLE_REPLAY_ALL") > Model.IndexOf(trace, "console_flush_on_panic"));
        var (_, plain) = Model.Run("knobs:\n  panic_print: [0, 104]\n", "panic_print=0");
        Assert.Equal(-1, Model.IndexOf(plain, "panic_print"));
    }
}
