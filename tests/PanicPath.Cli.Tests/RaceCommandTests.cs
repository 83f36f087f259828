using System.Text.Json;

namespace PanicPath.Cli.Tests;

/// <summary>The commands on a scenario with <c>race:</c>: the race in traces, configurations, JSON and diff; bad races refused at their place.</summary>
public sealed class RaceCommandTests
{
    private static string Example => PanicPath.TestSupport.ExampleScenarios.Repository + "/examples/races/console-lock-nmi.yaml";

    private static string WithoutRace()
    {
        var text = File.ReadAllText(Example);
        var race = text.IndexOf("race:\n", StringComparison.Ordinal);
        return CliRun.TempScenario(text[..race] + text[text.IndexOf("invariants:", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task Trace_of_a_race_the_second_cpu_wins_shows_cpu1_claiming_panic_cpu_doing_the_dump_and_reaching_the_end()
    {
        var (exit, output, error) = await CliRun.Run("trace", Example, "--config", "kexec_crash_loaded=false,fault=none,race=panic before claim-panic-cpu");
        Assert.True(exit == 0, error);
        Assert.Contains("race=panic before claim-panic-cpu", output, StringComparison.Ordinal);
        var lines = output.Split('\n');
        Assert.Matches(@"^\s+\d+\s+cpu1\s+race\s+panic on cpu1 while cpu0 is before claim-panic-cpu", lines.Single(l => l.Contains("while cpu0 is", StringComparison.Ordinal)));
        Assert.Matches(@"^\s+\d+\s+cpu1\s+panic\(\)\s+panic: Kernel panic\s+panic_cpu: none → cpu1", lines.Single(l => l.Contains("panic: Kernel panic", StringComparison.Ordinal)));
        Assert.Matches(@"^\s+\d+\s+cpu1\s+panic\(\)\s+kmsg_dump\(PANIC\)", lines.Single(l => l.Contains("kmsg_dump(PANIC)", StringComparison.Ordinal)));
        Assert.Matches(@"^\s+\d+\s+cpu1\s+panic\(\)\s+smp_send_stop \(IPI\)\s+cpu0: does not take the IPI \(interrupts off\), running → stopped by the NMI", lines.Single(l => l.Contains("smp_send_stop", StringComparison.Ordinal)));
        Assert.Contains("ends: end-of-panic", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explore_json_names_the_race_of_each_configuration_it_shows()
    {
        var (exit, output, _) = await CliRun.Run("explore", Example, "--json");
        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        var terminates = json.RootElement.GetProperty("invariants").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "terminates");
        var condition = terminates.GetProperty("conditions")[0];
        Assert.Contains("race in {\"nmi after claim-panic-cpu\"", condition.GetProperty("condition").GetString(), StringComparison.Ordinal);
        Assert.Equal("nmi after claim-panic-cpu", condition.GetProperty("config").GetProperty("race").GetString());
        Assert.Contains(condition.GetProperty("trace").EnumerateArray(), s => s.GetProperty("cpu").GetInt32() == 1 && s.GetProperty("action").GetString() == "nmi_panic: panic_cpu is cpu0: nmi_panic_self_stop");
    }

    [Fact]
    public async Task Diff_of_a_scenario_without_a_race_and_with_one_finds_the_hang_the_nmi_race_adds_and_only_there()
    {
        var old = WithoutRace();
        try
        {
            var (exit, output, error) = await CliRun.Run("diff", old, Example);
            Assert.True(exit == 1, error);
            Assert.Contains("only in console-lock-nmi: race (none, nmi after claim-panic-cpu,", output, StringComparison.Ordinal);
            Assert.Contains("terminates: newly violated in 12, fixed in 0", output, StringComparison.Ordinal);
            Assert.Contains("race=nmi after claim-panic-cpu (only in console-lock-nmi) breaks it in 2 of 8 compared", output, StringComparison.Ordinal);
            Assert.DoesNotContain("race=oops", output, StringComparison.Ordinal);

            var (back, _, _) = await CliRun.Run("diff", Example, old);
            Assert.Equal(0, back);
        }
        finally
        {
            File.Delete(old);
        }
    }

    [Theory]
    [InlineData("cpus: 1\nrace:\n  does: [panic]\n  at: every-step\n", ":4:3: expected a race on a machine with a second CPU (cpus: 2 or more), not on cpus: 1")]
    [InlineData("cpus: 2\nrace:\n  does: [panic]\n  at: [after kmsg_dump]\n", ":5:14: expected a labelled step of the kernel profile mainline-6.12 (")]
    [InlineData("cpus: 2\nrace:\n  does: [reboot]\n  at: every-step\n", ":4:10: expected what the second CPU does: panic, oops, warn, nmi, not 'reboot'")]
    [InlineData("cpus: 2\nrace:\n  does: [panic]\n  at: every-step\n  on: cpu1\n", ":6:3: expected one of the keys does, at, not 'on'")]
    public async Task A_bad_race_is_one_line_naming_its_place_and_exit_2(string race, string expected)
    {
        var file = CliRun.TempScenario("scenario: bad\n" + race);
        try
        {
            var (exit, output, error) = await CliRun.Run("explore", file);
            Assert.Equal(2, exit);
            Assert.Empty(output);
            Assert.Single(error.TrimEnd('\n').Split('\n'));
            Assert.StartsWith($"panicpath: {file}{expected}", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Trace_with_a_race_the_scenario_does_not_explore_lists_the_races_it_does()
    {
        var (exit, _, error) = await CliRun.Run("trace", Example, "--config", "race=warn before kmsg-dump");
        Assert.Equal(2, exit);
        Assert.StartsWith("panicpath: --config: expected race to be one of none, nmi after claim-panic-cpu, ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("race=")]
    [InlineData("race=nmi")]
    [InlineData("race=nmi  after claim-panic-cpu")]
    [InlineData("race=NMI after claim-panic-cpu")]
    [InlineData("race=nmi after crash_kexec.claim-panic-cpu")]
    public async Task Trace_with_a_malformed_race_value_is_one_line_naming_config_and_exit_2(string config)
    {
        var (exit, output, error) = await CliRun.Run("trace", Example, "--config", config);
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("panicpath: --config: expected race to be one of none, ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_step_races_of_every_kind_on_a_hyperv_example_explore_trace_and_diff_as_parseable_json()
    {
        var example = CliRun.Example("unload-response-this-cpu");
        var raced = CliRun.TempScenario(File.ReadAllText(example) + "\nrace:\n  does: [panic, oops, warn, nmi]\n  at: every-step\n");
        try
        {
            var (exit, output, error) = await CliRun.Run("explore", raced, "--json");
            Assert.True(exit == 1, error);
            using (var json = JsonDocument.Parse(output))
            {
                Assert.True(json.RootElement.GetProperty("runs").GetInt32() > 16);
            }

            var (all, _, allError) = await CliRun.Run("explore", raced, "--all-traces", "--max-traces", "50");
            Assert.True(all == 1, allError);
            Assert.Empty(allError);

            var (diff, diffOutput, diffError) = await CliRun.Run("diff", example, raced, "--json");
            Assert.True(diff is 0 or 1, diffError);
            using var diffJson = JsonDocument.Parse(diffOutput);
            Assert.Contains(diffJson.RootElement.GetProperty("dimensions").EnumerateArray(), d => d.GetProperty("name").GetString() == "race" && d.GetProperty("side").GetString() == "new");
        }
        finally
        {
            File.Delete(raced);
        }
    }
}
