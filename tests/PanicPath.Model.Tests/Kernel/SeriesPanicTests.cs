using PanicPath.Model.Kernel;

namespace PanicPath.Model.Tests.Kernel;

public sealed class SeriesPanicTests
{
    private const string Lists = """
        kernel: series
        knobs:
          kexec_crash_loaded: [true, false]
          panic_notifiers_level: [0, 1, 2, 3, 4]
          crash_kexec_post_notifiers: [false, true]
        features:
          dumper: [false, true]
        callbacks:
          - name: hyp
            chain: hypervisor
          - name: inf
            chain: info
          - name: pre
            chain: pre_reboot
          - name: post
            chain: post_reboot
          - name: dump
            chain: kmsg_dump
            register-if: dumper
        """;

    [Theory]
    [InlineData(0, false, "")]
    [InlineData(1, false, "hyp")]
    [InlineData(2, false, "hyp")]
    [InlineData(2, true, "hyp inf dump")]
    [InlineData(3, false, "hyp inf")]
    [InlineData(3, true, "hyp inf dump")]
    [InlineData(4, true, "hyp inf dump pre")]
    public void The_level_decides_which_lists_run_before_kdump(int level, bool dumper, string before)
    {
        var (result, trace) = Model.Run(Lists, $"panic_notifiers_level={level},dumper={(dumper ? "true" : "false")}");
        Assert.Equal(Boundary.CrashKernelBoot, result.Outcome);
        var ran = new[] { "hyp", "inf", "dump", "pre", "post" }.Where(n => Model.IndexOf(trace, $"{n}: called") >= 0);
        Assert.Equal(before, string.Join(" ", ran));
    }

    /// <summary>The series' <c>panic_notifiers_before_kdump()</c>: the deprecated flag means level 4 when the level is not 0.</summary>
    [Fact]
    public void Crash_kexec_post_notifiers_means_level_4_on_the_series_when_the_level_is_not_0()
    {
        var (_, trace) = Model.Run(Lists, "panic_notifiers_level=1,crash_kexec_post_notifiers=true,dumper=true");
        Assert.True(Model.IndexOf(trace, "panic_notifiers_level 4") >= 0);
        Assert.True(Model.IndexOf(trace, "pre: called") < Model.IndexOf(trace, "the crash kernel boots"));
    }

    /// <summary>
    /// The series tests <c>panic_notifiers_level</c> before the deprecated <c>crash_kexec_post_notifiers</c>:
    /// level 0 runs kdump first even with the flag set.
    /// </summary>
    [Fact]
    public void Level_0_runs_kdump_first_even_with_the_deprecated_crash_kexec_post_notifiers()
    {
        var (result, trace) = Model.Run(Lists, "panic_notifiers_level=0,crash_kexec_post_notifiers=true,dumper=true");
        Assert.Equal(Boundary.CrashKernelBoot, result.Outcome);
        Assert.True(Model.IndexOf(trace, "panic_notifiers_level 0: before kdump: nothing") >= 0);
        Assert.Equal(-1, Model.IndexOf(trace, "hyp: called"));
    }

    /// <summary>Patch 24: the post_reboot list runs once <c>emergency_restart</c> is decided, just before it.</summary>
    [Fact]
    public void Post_reboot_runs_after_the_restart_is_decided_and_before_the_restart()
    {
        const string yaml = """
            kernel: series-v1
            knobs:
              panic_timeout: [10]
            callbacks:
              - name: post
                chain: post_reboot
              - name: rst
                chain: restart
            """;
        var (result, trace) = Model.Run(yaml);
        Assert.Equal(Boundary.Restart, result.Outcome);
        var decided = Model.IndexOf(trace, "panic_timeout 10: emergency_restart decided");
        Assert.True(decided >= 0 && decided < Model.IndexOf(trace, "post: called"));
        Assert.True(Model.IndexOf(trace, "post: called") < Model.IndexOf(trace, "rst: called"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Without_kdump_each_list_runs_exactly_once_and_post_reboot_runs_last(int level)
    {
        var (result, trace) = Model.Run(Lists, $"kexec_crash_loaded=false,panic_notifiers_level={level},dumper=true");
        Assert.Equal(Boundary.EndOfPanic, result.Outcome);
        var steps = Model.Steps(trace);
        foreach (var name in new[] { "hyp", "inf", "dump", "pre", "post" })
        {
            Assert.Equal(1, steps.Count(s => s.StartsWith($"{name}: called", StringComparison.Ordinal)));
        }

        Assert.True(Model.IndexOf(trace, "console_flush_on_panic") < Model.IndexOf(trace, "post: called"));
        Assert.True(Model.IndexOf(trace, "pre: called") < Model.IndexOf(trace, "post: called"));
    }
}
