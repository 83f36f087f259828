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
    public async Task Explore_exits_0_and_prints_the_table_when_every_invariant_holds()
    {
        var file = CliRun.TempScenario(Holding);
        var (exit, output, _) = await CliRun.Run("explore", file);
        Assert.Equal(0, exit);
        Assert.Contains("holding", output, StringComparison.Ordinal);
        Assert.Contains("the other 1 configurations", output, StringComparison.Ordinal);
        Assert.Contains("terminates", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explore_exits_1_and_prints_a_trace_per_violation_on_the_seed()
    {
        var (exit, output, _) = await CliRun.Run("explore", CliRun.Example("v1-patch16"), "--max-traces", "1");
        Assert.Equal(1, exit);
        Assert.Contains("FAIL", output, StringComparison.Ordinal);
        Assert.Contains("violated in arch=", output, StringComparison.Ordinal);
        Assert.Contains("more traces (raise --max-traces to see them)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explore_json_has_exactly_scenario_kernel_runs_and_violations()
    {
        var (exit, output, _) = await CliRun.Run("explore", CliRun.Example("merged"), "--json");
        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(["scenario", "kernel", "runs", "violations"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("hyperv-merged", json.RootElement.GetProperty("scenario").GetString());
        Assert.Equal("mainline-6.1", json.RootElement.GetProperty("kernel").GetString());
        Assert.True(json.RootElement.GetProperty("runs").GetInt32() > 0);
    }

    [Fact]
    public async Task Explore_names_the_variant_that_kernel_mainline_means()
    {
        var (_, output, _) = await CliRun.Run("explore", CliRun.TempScenario("kernel: mainline\n"));
        Assert.Contains("note: kernel: mainline is mainline-6.1, the newest mainline variant", output, StringComparison.Ordinal);
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
        var (exit, output, _) = await CliRun.Run("explore", CliRun.Example("merged"), "--max-configs", "5120", "--max-traces", "0");
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
