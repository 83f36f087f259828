namespace PanicPath.Cli.Tests;

/// <summary><c>explore</c> and <c>trace</c> on files with liveness invariants and the host as a party.</summary>
public sealed class HostAndLivenessCommandTests
{
    private static string Pvpanic => Path.Combine(Path.GetDirectoryName(PanicPath.TestSupport.ExampleScenarios.Folder)!, "pvpanic", "pause-on-panic.yaml");

    [Fact]
    public async Task Explore_shows_a_pausing_host_ending_the_run_at_host_pause_before_the_log_dump()
    {
        var (exit, output, error) = await CliRun.Run("explore", Pvpanic, "--max-traces", "20");
        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, error);
        Assert.Contains("pvpanic-pause", output, StringComparison.Ordinal);
        Assert.Contains("(ends: host-pause)", output, StringComparison.Ordinal);
        Assert.Contains("on host-report (pvpanic-panicked): the host pauses the VM", output, StringComparison.Ordinal);
        Assert.Contains("invariant log-dumped-on-every-panic violated: the run ends at host-pause without kmsg-dump", output, StringComparison.Ordinal);
        Assert.Contains("invariant kdump-reached violated: the run ends at host-pause", output, StringComparison.Ordinal);
        Assert.DoesNotContain("terminates violated", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trace_names_the_host_end_as_the_run_s_end()
    {
        var (exit, output, _) = await CliRun.Run("trace", Pvpanic, "--config", "kexec_crash_loaded=true,crash_kexec_post_notifiers=true,pause_on_crash_loaded=true");
        Assert.Equal(1, exit);
        Assert.Contains("ends: host-pause", output, StringComparison.Ordinal);
        Assert.Contains("on host-report (pvpanic-crash-loaded): the host pauses the VM", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explore_reports_a_hang_against_at_least_once_with_the_hang_s_reason()
    {
        var file = CliRun.TempScenario("""
            callbacks:
              - name: hog
                chain: panic
                do: [never-return]
            invariants:
              - name: log-dumped
                at-least-once: kmsg-dump
              - name: terminates
                terminates: true
            """);
        var (exit, output, _) = await CliRun.Run("explore", file, "--all-traces");
        Assert.Equal(1, exit);
        Assert.Contains("log-dumped violated in", output, StringComparison.Ordinal);
        Assert.Contains("invariant log-dumped violated: the run hangs before kmsg-dump: cpu0 hog never returns", output, StringComparison.Ordinal);
        Assert.Contains("terminates violated in", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explore_exits_2_naming_the_place_of_a_bad_host_reaction()
    {
        var file = CliRun.TempScenario("host:\n  - on: host-report\n    do: reboot\n");
        var (exit, output, error) = await CliRun.Run("explore", file);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"panicpath: {file}:3:9: expected one of the host's reactions pause, reset, stop, dump, not 'reboot'{Environment.NewLine}", error);
    }
}
