using System.Text.Json;

namespace PanicPath.Cli.Tests;

/// <summary>
/// The commands on scenarios where which CPU panics changes the outcome: the Hyper-V host answers the VMBus UNLOAD on
/// CPU 0's message page only (examples/hyperv/unload-response*.yaml), so a wait that does not look there hangs when
/// CPU 1 panics.
/// </summary>
public sealed class CpuCommandTests
{
    /// <summary>Before the 2016 fix the wait polled this CPU's page only: every hang is a panic on CPU 1, none on CPU 0.</summary>
    [Fact]
    public async Task Explore_finds_the_unload_wait_of_this_cpus_page_hanging_only_when_cpu1_panics()
    {
        var (exit, output, error) = await CliRun.Run("explore", CliRun.Example("unload-response-this-cpu"));
        Assert.True(exit == 1, error);
        Assert.Contains("hyperv-unload-response-this-cpu (", output, StringComparison.Ordinal);
        Assert.Contains("16 runs, 7 configurations with a violation", output, StringComparison.Ordinal);
        Assert.Contains("terminates: violated in 7 configurations", output, StringComparison.Ordinal);
        var conditions = output.Split('\n').Where(l => l.TrimStart().StartsWith("[", StringComparison.Ordinal) && l.Contains("  ", StringComparison.Ordinal) && l.Contains("==", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(conditions);
        Assert.All(conditions.Where(l => !l.Contains("panicpath trace", StringComparison.Ordinal) && !l.Contains("arch=", StringComparison.Ordinal)), l => Assert.EndsWith("panic-cpu == 1", l.TrimEnd(), StringComparison.Ordinal));
        Assert.Contains("cpu1 host on channel-unload: set unload_response[0] (unload_response[0]: false → true)", output, StringComparison.Ordinal);
        Assert.Contains("cpu1 panic(): smp_send_stop (IPI) (cpu0: running → stopped, offline)", output, StringComparison.Ordinal);
        Assert.Contains("hangs: waits forever for unload_response", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The 2016 fix scanned the online CPUs' pages: it hangs when CPU 1 panics and <c>smp_send_stop()</c> has taken CPU 0
    /// offline before the panic notifier unloads; the crash stop leaves CPU 0 online and the crash-shutdown hook runs
    /// before any stop.
    /// </summary>
    [Fact]
    public async Task Explore_finds_the_scan_of_the_online_cpus_missing_cpu0s_page_once_smp_send_stop_took_it_offline()
    {
        var (exit, output, error) = await CliRun.Run("explore", CliRun.Example("unload-response-online-cpus"), "--json");
        Assert.True(exit == 1, error);
        using var json = JsonDocument.Parse(output);
        var terminates = json.RootElement.GetProperty("invariants").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "terminates");
        Assert.Equal(2, terminates.GetProperty("violated").GetInt32());
        var condition = terminates.GetProperty("conditions").EnumerateArray().Single();
        Assert.Equal("!kexec_crash_loaded && !crash_kexec_post_notifiers && panic-cpu == 1", condition.GetProperty("condition").GetString());
        Assert.Equal("1", condition.GetProperty("config").GetProperty("panic-cpu").GetString());
    }

    /// <summary>6.1 scans every present CPU's page: nothing hangs, whichever CPU panics.</summary>
    [Fact]
    public async Task Explore_of_the_scan_of_the_present_cpus_finds_nothing()
    {
        var (exit, output, error) = await CliRun.Run("explore", CliRun.Example("unload-response"));
        Assert.True(exit == 0, error + output);
        Assert.Contains("terminates: holds", output, StringComparison.Ordinal);
    }

    /// <summary>diff from each predecessor to 6.1's wait: the hangs fixed, every one of them a panic on CPU 1; nothing newly violated.</summary>
    [Theory]
    [InlineData("unload-response-this-cpu", 7)]
    [InlineData("unload-response-online-cpus", 2)]
    public async Task Diff_finds_the_hangs_fixed_by_scanning_the_present_cpus_and_each_is_a_panic_on_cpu1(string before, int fixedCount)
    {
        var (exit, output, error) = await CliRun.Run("diff", CliRun.Example(before), CliRun.Example("unload-response"), "--list", "--json");
        Assert.True(exit == 0, error + output);
        using var json = JsonDocument.Parse(output);
        Assert.Contains(json.RootElement.GetProperty("dimensions").EnumerateArray(), d => d.GetProperty("name").GetString() == "panic-cpu" && d.GetProperty("side").GetString() == "both");
        var terminates = json.RootElement.GetProperty("invariants").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "terminates");
        var fixedOnes = terminates.GetProperty("fixed");
        Assert.Equal(fixedCount, fixedOnes.GetProperty("count").GetInt32());
        Assert.All(fixedOnes.GetProperty("configurations").EnumerateArray(), c => Assert.Equal("1", c.GetProperty("panic-cpu").GetString()));
        Assert.Equal(0, terminates.GetProperty("newlyViolated").GetProperty("count").GetInt32());

        var (back, text, _) = await CliRun.Run("diff", CliRun.Example("unload-response"), CliRun.Example(before));
        Assert.Equal(1, back);
        Assert.Contains($"terminates: newly violated in {fixedCount}, fixed in 0", text, StringComparison.Ordinal);
    }

    /// <summary>trace --config names the panicking CPU; a CPU the file does not list is refused naming the dimension.</summary>
    [Fact]
    public async Task Trace_takes_the_panicking_cpu_as_a_configuration_value()
    {
        var file = CliRun.Example("unload-response-this-cpu");
        var (exit, output, _) = await CliRun.Run("trace", file, "--config", "kexec_crash_loaded=false,panic-cpu=1");
        Assert.Equal(1, exit);
        Assert.Contains("panic-cpu=1", output, StringComparison.Ordinal);
        Assert.Matches(@"\s+cpu1\s+panic\(\)\s+panic: Kernel panic", output);

        var (bad, _, error) = await CliRun.Run("trace", file, "--config", "panic-cpu=2");
        Assert.Equal(2, bad);
        Assert.Contains("--config: expected panic-cpu to be one of 0, 1, not '2'", error, StringComparison.Ordinal);
    }

    /// <summary>A per-CPU state's bad index in a file is one located line and exit 2.</summary>
    [Fact]
    public async Task A_per_cpu_index_out_of_range_is_one_located_line_and_exit_2()
    {
        var file = CliRun.TempScenario("""
            cpus: 2
            state:
              page: { initial: false, per-cpu: true }
            after-boot:
              - set: page[2] = true
            """);
        try
        {
            var (exit, output, error) = await CliRun.Run("explore", file);
            Assert.Equal(2, exit);
            Assert.Equal(string.Empty, output);
            Assert.Equal($"panicpath: {file}:5:15: expected a CPU from 0 to 1 in page[…] (cpus: 2), not 2", error.Trim());
        }
        finally
        {
            File.Delete(file);
        }
    }
    /// <summary>
    /// diff of a file without panic-cpu against one with it: the dimension is NEW's only, the old file runs each
    /// configuration on CPU 0, and the hangs the new one has on CPU 1 are newly violated, described by panic-cpu == 1.
    /// </summary>
    [Fact]
    public async Task Diff_against_a_file_without_panic_cpu_compares_it_as_a_dimension_only_the_new_file_has()
    {
        var example = CliRun.Example("unload-response-this-cpu");
        var old = CliRun.TempScenario(File.ReadAllText(example).Replace("panic-cpu: [0, 1]\n", string.Empty, StringComparison.Ordinal));
        try
        {
            var (exit, output, error) = await CliRun.Run("diff", old, example);
            Assert.True(exit == 1, error);
            Assert.Contains("only in hyperv-unload-response-this-cpu: panic-cpu (0, 1)", output, StringComparison.Ordinal);
            Assert.Contains("terminates: newly violated in 7, fixed in 0", output, StringComparison.Ordinal);
            Assert.Contains("panic-cpu=1 (only in hyperv-unload-response-this-cpu) breaks it in 7 of 8 compared", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(old);
        }
    }
}
