using System.Text.Json;

namespace PanicPath.Cli.Tests;

public sealed class DiffCommandTests
{
    private const string Before = """
        scenario: before
        knobs:
          panic_timeout: [0, 10, 20]
        features:
          a: [false, true]
          b: [false, true]
        state:
          done: false
        callbacks:
          - name: finish
            chain: panic
            if: "!a"
            do: [ { set: done = true } ]
        invariants:
          - name: done-at-end
            at: [end-of-panic, restart]
            expect: done
        """;

    private static readonly string After = Before
        .Replace("scenario: before", "scenario: after", StringComparison.Ordinal)
        .Replace("  b: [false, true]", "  b: [false, true]\n  fix: [false, true]", StringComparison.Ordinal)
        .Replace("if: \"!a\"", "if: \"!a || fix\"", StringComparison.Ordinal);

    private static async Task<JsonElement> Diff(string old, string @new, int expectedExit, params string[] options)
    {
        var (exit, output, error) = await CliRun.Run(["diff", old, @new, "--json", .. options]);
        Assert.True(expectedExit == exit, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static JsonElement Invariant(JsonElement diff, string name) =>
        diff.GetProperty("invariants").EnumerateArray().Single(i => i.GetProperty("name").GetString() == name);

    [Fact]
    public async Task Diff_v0_to_patch16_shows_new_unload_violations_on_arm64_with_kdump_and_none_on_x86_64()
    {
        var diff = await Diff(CliRun.Example("v0-before"), CliRun.Example("v1-patch16"), expectedExit: 1, "--list");
        var channel = Invariant(diff, "channel-unloaded-before-next-kernel").GetProperty("newlyViolated");
        Assert.True(channel.GetProperty("count").GetInt64() > 0);
        Assert.True(channel.GetProperty("exact").GetBoolean());
        Assert.All(channel.GetProperty("conditions").EnumerateArray(), c =>
        {
            Assert.StartsWith("arch == arm64 && kexec_crash_loaded && ", c.GetProperty("condition").GetString(), StringComparison.Ordinal);
            Assert.Equal("arm64", c.GetProperty("config").GetProperty("arch").GetString());
            Assert.Contains(c.GetProperty("trace").EnumerateArray(), s => s.GetProperty("action").GetString() == "machine_kexec: the crash kernel boots");
        });
        Assert.All(channel.GetProperty("configurations").EnumerateArray(), c => Assert.Equal("true", c.GetProperty("kexec_crash_loaded").GetString()));
        Assert.DoesNotContain(
            diff.GetProperty("invariants").EnumerateArray().SelectMany(i => i.GetProperty("newlyViolated").GetProperty("configurations").EnumerateArray()),
            c => c.GetProperty("arch").GetString() == "x86_64");
    }

    [Fact]
    public async Task Diff_v0_to_merged_shows_no_new_violation_and_exits_0()
    {
        var diff = await Diff(CliRun.Example("v0-before"), CliRun.Example("merged"), expectedExit: 0);
        Assert.Equal(0, diff.GetProperty("newlyViolated").GetInt32());
        Assert.All(diff.GetProperty("invariants").EnumerateArray(), i => Assert.Equal(0, i.GetProperty("newlyViolated").GetProperty("count").GetInt64()));
        Assert.Contains(diff.GetProperty("invariants").EnumerateArray(), i => i.GetProperty("fixed").GetProperty("count").GetInt64() > 0);
    }

    [Fact]
    public async Task A_feature_only_the_new_file_has_is_reported_per_value_with_what_it_fixes_where_the_old_diff_said_0_fixed()
    {
        var (old, @new) = (CliRun.TempScenario(Before), CliRun.TempScenario(After));
        var (exit, output, _) = await CliRun.Run("diff", old, @new);
        Assert.Equal(0, exit);
        Assert.Contains("before (12 runs) → after (24 runs): 24 configurations compared", output, StringComparison.Ordinal);
        Assert.Contains("only in after: fix (false, true)", output, StringComparison.Ordinal);
        Assert.Contains("done-at-end: newly violated in 0, fixed in 6", output, StringComparison.Ordinal);
        Assert.Contains("    [1]       6  a && fix", output, StringComparison.Ordinal);
        Assert.Contains("  fix=true (only in after) fixes it in 6 of 12 compared", output, StringComparison.Ordinal);
        Assert.DoesNotContain("fix=false (only in after)", output, StringComparison.Ordinal);
        Assert.Contains("nothing newly violated", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_has_both_sides_the_compared_dimensions_and_per_invariant_the_changes_and_the_values_of_a_one_sided_feature()
    {
        var diff = await Diff(CliRun.TempScenario(Before), CliRun.TempScenario(After), expectedExit: 0);
        Assert.Equal(["schema", "old", "new", "compared", "dimensions", "invariants", "newlyViolated"], diff.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("before", 12L), (diff.GetProperty("old").GetProperty("scenario").GetString(), diff.GetProperty("old").GetProperty("runs").GetInt64()));
        Assert.Equal(("after", 24L), (diff.GetProperty("new").GetProperty("scenario").GetString(), diff.GetProperty("new").GetProperty("runs").GetInt64()));
        Assert.Equal(24, diff.GetProperty("compared").GetInt64());
        Assert.Equal(
            ["panic_timeout:both", "a:both", "b:both", "fix:new", "fault:both", "entry:both"],
            diff.GetProperty("dimensions").EnumerateArray().Select(d => $"{d.GetProperty("name").GetString()}:{d.GetProperty("side").GetString()}"));
        var done = Invariant(diff, "done-at-end");
        Assert.Equal(["name", "newlyViolated", "fixed", "values"], done.EnumerateObject().Select(p => p.Name));
        var @fixed = done.GetProperty("fixed");
        Assert.Equal((6L, true, 0L), (@fixed.GetProperty("count").GetInt64(), @fixed.GetProperty("exact").GetBoolean(), @fixed.GetProperty("uncovered").GetInt64()));
        var condition = Assert.Single(@fixed.GetProperty("conditions").EnumerateArray());
        Assert.Equal(["condition", "count", "config", "outcome", "trace"], condition.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("a && fix", 6L), (condition.GetProperty("condition").GetString(), condition.GetProperty("count").GetInt64()));
        Assert.Equal("true", condition.GetProperty("config").GetProperty("a").GetString());
        Assert.Equal(
            ["fix=false new fixes 0 breaks 0 of 12", "fix=true new fixes 6 breaks 0 of 12"],
            done.GetProperty("values").EnumerateArray().Select(v =>
                $"{v.GetProperty("dimension").GetString()}={v.GetProperty("value").GetString()} {v.GetProperty("onlyIn").GetString()} fixes {v.GetProperty("fixes").GetInt64()} breaks {v.GetProperty("breaks").GetInt64()} of {v.GetProperty("compared").GetInt64()}"));
        Assert.Equal(0, done.GetProperty("newlyViolated").GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task Diff_prints_per_invariant_the_conditions_of_the_new_violations_a_compact_trace_and_the_trace_command_of_the_others()
    {
        var (exit, output, _) = await CliRun.Run("diff", CliRun.Example("v0-before"), CliRun.Example("v1-patch16"));
        Assert.Equal(1, exit);
        Assert.Contains("channel-unloaded-before-next-kernel: newly violated in ", output, StringComparison.Ordinal);
        Assert.Contains("  arch == arm64 && kexec_crash_loaded && ", output, StringComparison.Ordinal);
        Assert.Contains("      cpu0 panic(): machine_kexec: the crash kernel boots", output, StringComparison.Ordinal);
        var command = output.Split('\n').First(l => l.Contains("] panicpath trace ", StringComparison.Ordinal));
        var config = command[(command.IndexOf("--config ", StringComparison.Ordinal) + "--config ".Length)..].Trim('\'', '\r');
        var (traceExit, _, error) = await CliRun.Run("trace", CliRun.Example("v1-patch16"), "--config", config);
        Assert.Equal(string.Empty, error);
        Assert.Equal(1, traceExit);
        Assert.Contains("1 invariants newly violated", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_exits_2_with_one_line_when_knobs_only_one_side_has_make_the_compared_space_too_large()
    {
        var old = CliRun.TempScenario(Before.Replace("  b: [false, true]", "  b: [false, true]\n  legacy: [false, true]", StringComparison.Ordinal));
        var @new = CliRun.TempScenario(After);
        var (exit, output, error) = await CliRun.Run("diff", old, @new, "--max-configs", "30");
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"panicpath: {@new}:1:1: expected at most 30 configurations to compare (--max-configs), not 48 = panic_timeout (3) × a (2) × b (2) × fix (2, only new) × legacy (2, only old); a knob only one side has multiplies the other side's configurations", error.Trim());
    }

    [Fact]
    public async Task Diff_exits_2_when_a_file_is_malformed()
    {
        var bad = CliRun.TempScenario("knobs: [1, 2]\n");
        var (exit, _, error) = await CliRun.Run("diff", CliRun.Example("merged"), bad);
        Assert.Equal(2, exit);
        Assert.Contains($"{bad}:1:8: expected a mapping from kernel knob", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_exits_2_when_a_side_has_more_configurations_than_max_configs()
    {
        var (exit, output, error) = await CliRun.Run("diff", CliRun.Example("v0-before"), CliRun.Example("v1-patch16-patch21"), "--max-configs", "6000");
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"panicpath: {CliRun.Example("v1-patch16-patch21")}:", error, StringComparison.Ordinal);
        Assert.Contains("expected at most 6000 configurations to explore (--max-configs), not 25600 = ", error, StringComparison.Ordinal);
    }
}
