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

    [Fact]
    public void Crash_kexec_post_notifiers_means_level_4_on_the_series()
    {
        var (_, trace) = Model.Run(Lists, "panic_notifiers_level=0,crash_kexec_post_notifiers=true,dumper=true");
        Assert.True(Model.IndexOf(trace, "pre: called") < Model.IndexOf(trace, "the crash kernel boots"));
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
