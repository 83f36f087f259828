using System.Text.Json;

namespace PanicPath.Cli.Tests;

/// <summary>The commands' output for scenarios that speak of time: the clock in traces, time bounds in explore and diff.</summary>
public sealed class TimeCommandTests
{
    private const string Slow = """
        scenario: slow-unload
        knobs:
          kexec_crash_loaded: [true]
          crash_kexec_post_notifiers: [true]
        features:
          host_answers: [true, false]
        callbacks:
          - name: unload
            chain: panic
            do:
              - wait: host_answers
                for: 5s
        invariants:
          - name: kdump-within-10s
            by: crash-kernel-boot within 10s
        """;

    [Fact]
    public async Task Only_a_duration_changed_and_diff_reports_the_time_bound_it_now_breaks()
    {
        var old = CliRun.TempScenario(Slow);
        var @new = CliRun.TempScenario(Slow.Replace("for: 5s", "for: 100s", StringComparison.Ordinal));
        try
        {
            var (exit, output, error) = await CliRun.Run("diff", old, @new);
            Assert.True(exit == 1, error);
            Assert.Contains("kdump-within-10s: newly violated in 1, fixed in 0", output, StringComparison.Ordinal);
            Assert.Contains("[1]       1  !host_answers", output, StringComparison.Ordinal);
            Assert.Contains("cpu0 t=100s panic(): invariant kdump-within-10s violated: crash-kernel-boot reached at t=100s, past its bound of 10s", output, StringComparison.Ordinal);

            var (back, _, _) = await CliRun.Run("diff", @new, old);
            Assert.Equal(0, back);
        }
        finally
        {
            File.Delete(old);
            File.Delete(@new);
        }
    }

    [Fact]
    public async Task Trace_shows_a_time_column_once_the_clock_has_passed_zero()
    {
        var file = CliRun.TempScenario(Slow.Replace("for: 5s", "for: 100s", StringComparison.Ordinal));
        try
        {
            var (exit, output, _) = await CliRun.Run("trace", file, "--config", "host_answers=false");
            Assert.Equal(1, exit);
            var lines = output.Split('\n');
            Assert.Matches(@"^\s+#\s+time\s+cpu\s+chain", lines.First(l => l.Contains(" cpu ", StringComparison.Ordinal)));
            Assert.Matches(@"^\s+\d+\s+t=100s\s+cpu0\s+panic\s+unload\s+wait host_answers: polls for 100s, never true, gives up\s+t: \+100s", lines.Single(l => l.Contains("wait host_answers", StringComparison.Ordinal)));
            Assert.Matches(@"^\s+\d+\s+cpu0\s+panic\(\)\s+panic: Kernel panic", lines.Single(l => l.Contains("panic: Kernel panic", StringComparison.Ordinal)));

            var (_, json, _) = await CliRun.Run("trace", file, "--config", "host_answers=false", "--json");
            var steps = JsonDocument.Parse(json).RootElement.GetProperty("trace").EnumerateArray().ToList();
            Assert.False(steps[0].TryGetProperty("timeUs", out _));
            Assert.Equal(100_000_000, steps[^1].GetProperty("timeUs").GetInt64());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_scenario_without_time_traces_without_a_time_column_though_its_panic_timeout_waits()
    {
        var (exit, output, _) = await CliRun.Run("trace", CliRun.Example("merged"), "--config", "arch=x86_64,panic_timeout=10,fault=stopped-cpu-holds(ring_lock)");
        Assert.Equal(0, exit);
        Assert.DoesNotContain("time", output.Split('\n').First(l => l.Contains(" cpu ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\bt=\d", output);
        Assert.DoesNotContain("REBOOT_VECTOR", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_duration_is_one_located_line_and_exit_2()
    {
        var file = CliRun.TempScenario(Slow.Replace("for: 5s", "for: 5 min", StringComparison.Ordinal));
        try
        {
            var (exit, output, error) = await CliRun.Run("explore", file);
            Assert.Equal(2, exit);
            Assert.Empty(output);
            Assert.Equal($"panicpath: {file}:12:15: expected the unit right after the number (5min), not '5 min'", error.TrimEnd());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Explore_of_the_unload_wait_example_finds_kdump_delayed_by_the_unanswered_unload()
    {
        var (exit, output, _) = await CliRun.Run("explore", CliRun.Example("unload-wait-time"));
        Assert.Equal(1, exit);
        Assert.Contains("kdump-within-10s: violated in 18 configurations", output, StringComparison.Ordinal);
        Assert.Contains("restart-within-20s: violated in 12 configurations", output, StringComparison.Ordinal);
        Assert.Contains("cpu0 t=100s panic(): invariant kdump-within-10s violated: crash-kernel-boot reached at t=100s, past its bound of 10s", output, StringComparison.Ordinal);
    }
}
