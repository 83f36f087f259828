using System.Text.Json;

namespace PanicPath.Cli.Tests;

public sealed class ExploreCommandTests
{
    private const string Holding = """
        scenario: holding
        callbacks:
          - name: n
            chain: panic
        invariants:
          - name: terminates
            terminates: true
        """;

    [Fact]
    public async Task Explore_exits_0_and_says_each_invariant_holds_when_every_invariant_holds()
    {
        var file = CliRun.TempScenario(Holding);
        var (exit, output, error) = await CliRun.Run("explore", file);
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        Assert.Contains($"holding ({file}): 1 runs, 0 configurations with a violation", output, StringComparison.Ordinal);
        Assert.Contains("terminates: holds", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_v1_patch16_summary_fits_in_200_lines_and_names_the_arm64_kdump_condition_of_the_seed_finding()
    {
        var (exit, output, _) = await CliRun.Run("explore", CliRun.Example("v1-patch16"));
        Assert.Equal(1, exit);
        var lines = output.Split('\n');
        Assert.InRange(lines.Length, 1, 200);
        Assert.StartsWith("hyperv-v1-patch16 (", lines[0], StringComparison.Ordinal);
        var channel = Array.FindIndex(lines, l => l.StartsWith("channel-unloaded-before-next-kernel: violated in ", StringComparison.Ordinal));
        Assert.True(channel >= 0, output);
        var next = Array.FindIndex(lines, channel + 1, l => l.Length > 0 && !l.StartsWith(' '));
        var section = lines[channel..(next < 0 ? lines.Length : next)];
        Assert.Contains(section, l => l.Contains("arch == arm64 && kexec_crash_loaded", StringComparison.Ordinal));
        Assert.Contains(section, l => l.Contains("machine_kexec: the crash kernel boots", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_other_condition_names_the_trace_command_that_shows_its_first_configuration_and_that_command_violates_the_invariant()
    {
        var (_, output, _) = await CliRun.Run("explore", CliRun.Example("v1-patch16"));
        var commands = output.Split('\n').Where(l => l.StartsWith("  [2] panicpath trace ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(commands);
        var line = commands[0];
        var config = line[(line.IndexOf("--config ", StringComparison.Ordinal) + "--config ".Length)..].Trim('\'', '\r');
        var (exit, _, error) = await CliRun.Run("trace", CliRun.Example("v1-patch16"), "--config", config);
        Assert.Equal(string.Empty, error);
        Assert.Equal(1, exit);
    }

    [Fact]
    public async Task All_traces_prints_one_trace_per_violation_the_same_pairs_as_the_explorer_streams()
    {
        var file = CliRun.Example("v1-patch16");
        var (exit, output, _) = await CliRun.Run("explore", file, "--all-traces");
        Assert.Equal(1, exit);
        var printed = output.Split('\n').Where(l => l.Contains(" violated in arch=", StringComparison.Ordinal)).Select(l => l[..l.LastIndexOf(" (ends: ", StringComparison.Ordinal)]).ToList();
        var expected = new List<string>();
        PanicPath.Model.Explorer.ScenarioExplorer.Explore(PanicPath.Model.Scenarios.ScenarioParser.ParseFile(file), PanicPath.Model.Explorer.SpaceLimit.DefaultMaxConfigs,
            v => expected.Add($"{v.Invariant} violated in {string.Join(" ", v.Configuration.Values.Select(p => $"{p.Key}={p.Value}"))}"));
        Assert.Equal(expected, printed);
        Assert.Equal(expected.Count, printed.Distinct().Count());
        Assert.Equal(expected.Count, output.Split('\n').Count(l => l.Contains("action", StringComparison.Ordinal) && l.Contains("state change", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Max_traces_bounds_the_traces_of_all_traces()
    {
        var (exit, output, _) = await CliRun.Run("explore", CliRun.Example("v1-patch16"), "--all-traces", "--max-traces", "1");
        Assert.Equal(1, exit);
        Assert.Single(output.Split('\n'), l => l.Contains(" violated in arch=", StringComparison.Ordinal));
        Assert.Contains("more traces (raise --max-traces to see them)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explore_json_holds_the_summary_of_each_invariant_with_its_conditions_and_traces()
    {
        var (exit, output, _) = await CliRun.Run("explore", CliRun.Example("v1-patch16"), "--json");
        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(["schema", "scenario", "kernel", "runs", "violating", "invariants"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("panicpath.explore/2", root.GetProperty("schema").GetString());
        Assert.Equal("hyperv-v1-patch16", root.GetProperty("scenario").GetString());
        Assert.Equal("mainline-5.18", root.GetProperty("kernel").GetString());
        Assert.Equal(2560, root.GetProperty("runs").GetInt32());
        var channel = root.GetProperty("invariants").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "channel-unloaded-before-next-kernel");
        Assert.True(channel.GetProperty("violated").GetInt32() > 0);
        var conditions = channel.GetProperty("conditions").EnumerateArray().ToList();
        Assert.InRange(conditions.Count, 1, 8);
        Assert.Contains(conditions, c => c.GetProperty("condition").GetString()!.Contains("arch == arm64 && kexec_crash_loaded", StringComparison.Ordinal));
        Assert.All(conditions, c => Assert.True(c.GetProperty("trace").GetArrayLength() > 0));
        Assert.All(conditions, c => Assert.True(c.GetProperty("count").GetInt32() > 0));
    }

    [Fact]
    public async Task Explore_all_traces_json_holds_every_violation_then_the_totals()
    {
        var (exit, output, _) = await CliRun.Run("explore", CliRun.Example("merged"), CliRun.Example("v1-patch16"), "--json", "--all-traces", "--max-traces", "3");
        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(["schema", "explorations"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("panicpath.explorations/2", json.RootElement.GetProperty("schema").GetString());
        var files = json.RootElement.GetProperty("explorations").EnumerateArray().ToList();
        Assert.Equal(2, files.Count);
        Assert.All(files, f => Assert.Equal("panicpath.explore-violations/2", f.GetProperty("schema").GetString()));
        Assert.All(files, f => Assert.Equal(["schema", "scenario", "kernel", "violations", "runs", "violating", "invariants"], f.EnumerateObject().Select(p => p.Name)));
        Assert.All(files, f => Assert.InRange(f.GetProperty("violations").GetArrayLength(), 1, 3));
        Assert.Equal(["invariant", "config", "outcome", "trace"], files[1].GetProperty("violations")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Redirected_explore_draws_no_progress_bar()
    {
        var (_, _, error) = await CliRun.Run("explore", CliRun.Example("v1-patch16-patch21"));
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public async Task Explore_names_the_variant_that_kernel_mainline_means()
    {
        var (_, output, _) = await CliRun.Run("explore", CliRun.TempScenario("kernel: mainline\n"));
        Assert.Contains("note: kernel: mainline is mainline-6.12, the newest mainline variant", output, StringComparison.Ordinal);
        var (_, named, _) = await CliRun.Run("explore", CliRun.TempScenario("kernel: mainline-5.18\n"));
        Assert.DoesNotContain("note:", named, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explore_exits_2_with_a_located_error_for_a_malformed_file()
    {
        var file = CliRun.TempScenario("callbacks:\n  - name: n\n    chain: panik\n");
        var (exit, output, error) = await CliRun.Run("explore", file);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"{file}:3:12: expected one of the chains", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explore_exits_2_naming_the_setup_step_that_computes_a_value_outside_its_list()
    {
        var file = CliRun.TempScenario("knobs:\n  panic_timeout: [0, 10]\nsetup:\n  - set: panic_timeout = panic_timeout + 10\n");
        var (exit, output, error) = await CliRun.Run("explore", file);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"panicpath: {file}:4:10: expected panic_timeout to end setup with one of its values 0, 10, not 20 computed here; list 20 under knobs: panic_timeout{Environment.NewLine}", error);
    }

    [Fact]
    public async Task Explore_refuses_a_space_past_max_configs_with_exit_2_before_exploring_any_file()
    {
        var small = CliRun.TempScenario(Holding);
        var (exit, output, error) = await CliRun.Run("explore", small, CliRun.Example("merged"), "--max-configs", "5119");
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"panicpath: {CliRun.Example("merged")}:10:3: expected at most 5119 configurations to explore (--max-configs), not 5120 = arch (2) × ", error, StringComparison.Ordinal);
        Assert.Contains("hyperv_fb (2) × fault (5) × entry (2); list fewer values or raise --max-configs", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explore_explores_a_space_exactly_at_max_configs()
    {
        var (exit, output, _) = await CliRun.Run("explore", CliRun.Example("merged"), "--max-configs", "5120");
        Assert.Equal(1, exit);
        // 3840 configurations chosen; setup forces crash_kexec_post_notifiers where the crash MSRs exist,
        // so 1280 of them run as another one and are counted once.
        Assert.Contains("2560 runs", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public async Task Explore_refuses_a_max_configs_below_1(string value)
    {
        var (exit, _, error) = await CliRun.Run("explore", CliRun.Example("merged"), "--max-configs", value);
        Assert.Equal(2, exit);
        Assert.Contains($"--max-configs: expected a whole number, 1 or more, not '{value}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explore_exits_2_naming_a_missing_file()
    {
        var (exit, _, error) = await CliRun.Run("explore", "/nonexistent/scenario.yaml");
        Assert.Equal(2, exit);
        Assert.Contains("/nonexistent/scenario.yaml: expected a readable scenario file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explore_without_a_file_is_bad_input()
    {
        var (exit, _, error) = await CliRun.Run("explore");
        Assert.Equal(2, exit);
        Assert.Contains("panicpath:", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("explore")]
    [InlineData("trace")]
    [InlineData("diff")]
    public async Task Every_model_command_has_help(string command)
    {
        var (exit, output, _) = await CliRun.Run(command, "--help");
        Assert.Equal(0, exit);
        Assert.Contains("--json", output, StringComparison.Ordinal);
    }
}
