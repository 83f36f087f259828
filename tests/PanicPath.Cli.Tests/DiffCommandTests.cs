using System.Text.Json;

namespace PanicPath.Cli.Tests;

public sealed class DiffCommandTests
{
    private static async Task<JsonElement> Diff(string old, string @new, int expectedExit)
    {
        var (exit, output, _) = await CliRun.Run("diff", CliRun.Example(old), CliRun.Example(@new), "--json");
        Assert.Equal(expectedExit, exit);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static List<JsonElement> New(JsonElement diff, string invariant) =>
        diff.GetProperty("new_violations").EnumerateArray().Where(v => v.GetProperty("invariant").GetString() == invariant).ToList();

    [Fact]
    public async Task Diff_v0_to_patch16_shows_new_unload_violations_on_arm64_with_kdump_and_none_on_x86_64()
    {
        var diff = await Diff("v0-before", "v1-patch16", expectedExit: 1);
        var channel = New(diff, "channel-unloaded-before-next-kernel");
        Assert.NotEmpty(channel);
        Assert.All(channel, v =>
        {
            Assert.Equal("arm64", v.GetProperty("config").GetProperty("arch").GetString());
            Assert.Equal("true", v.GetProperty("config").GetProperty("kexec_crash_loaded").GetString());
        });
        Assert.DoesNotContain(diff.GetProperty("new_violations").EnumerateArray(), v => v.GetProperty("config").GetProperty("arch").GetString() == "x86_64");
    }

    [Fact]
    public async Task Diff_patch16_to_patch21_shows_the_framebuffer_no_longer_flushed_while_connected_with_kdump()
    {
        var diff = await Diff("v1-patch16", "v1-patch16-patch21", expectedExit: 1);
        var fb = New(diff, "fb-flushed-while-connected");
        Assert.NotEmpty(fb);
        Assert.All(fb, v => Assert.Equal("true", v.GetProperty("config").GetProperty("kexec_crash_loaded").GetString()));
    }

    [Fact]
    public async Task Diff_v0_to_merged_shows_no_new_violation_and_exits_0()
    {
        var diff = await Diff("v0-before", "merged", expectedExit: 0);
        Assert.Equal(0, diff.GetProperty("new_violations").GetArrayLength());
        Assert.True(diff.GetProperty("fixed_violations").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Diff_prints_a_summary_per_invariant_with_what_the_configurations_share()
    {
        var (exit, output, _) = await CliRun.Run("diff", CliRun.Example("v0-before"), CliRun.Example("v1-patch16"));
        Assert.Equal(1, exit);
        Assert.Contains("new violations", output, StringComparison.Ordinal);
        Assert.Contains("arch=arm64 kexec_crash_loaded=true", output, StringComparison.Ordinal);
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
