using System.Text.Json;

namespace PanicPath.Cli.Tests;

/// <summary>Every model command reads a scenario made of included files, and refuses a bad include with one located line.</summary>
public sealed class IncludeCommandTests
{
    [Fact]
    public async Task Diff_finds_nothing_between_merged_and_its_composition_from_driver_files()
    {
        var (exit, output, error) = await CliRun.Run("diff", CliRun.Example("merged"), CliRun.Example("merged-composed"), "--json");

        Assert.Equal(0, exit);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(json.RootElement.GetProperty("old").GetProperty("runs").GetInt64(), json.RootElement.GetProperty("compared").GetInt64());
        Assert.All(json.RootElement.GetProperty("invariants").EnumerateArray(), i =>
        {
            Assert.Equal(0, i.GetProperty("newlyViolated").GetProperty("count").GetInt64());
            Assert.Equal(0, i.GetProperty("fixed").GetProperty("count").GetInt64());
        });
    }

    [Fact]
    public async Task Explore_and_trace_read_a_composed_scenario_as_the_single_file()
    {
        var merged = await CliRun.Run("explore", CliRun.Example("merged"), "--json", "--all-traces");
        var composed = await CliRun.Run("explore", CliRun.Example("merged-composed"), "--json", "--all-traces");
        Assert.Equal(merged.Exit, composed.Exit);
        using (var a = JsonDocument.Parse(merged.Out))
        using (var b = JsonDocument.Parse(composed.Out))
        {
            Assert.Equal(a.RootElement.GetProperty("runs").GetInt32(), b.RootElement.GetProperty("runs").GetInt32());
            Assert.Equal(a.RootElement.GetProperty("violations").GetArrayLength(), b.RootElement.GetProperty("violations").GetArrayLength());
        }

        string[] config = ["--config", "arch=arm64,kexec_crash_loaded=true,hyperv_fb=true"];
        var single = await CliRun.Run(["trace", CliRun.Example("merged"), .. config]);
        var (exit, output, _) = await CliRun.Run(["trace", CliRun.Example("merged-composed"), .. config]);
        Assert.Equal(single.Exit, exit);
        // The same steps; the same verdicts, listed in the order the invariants are declared, which differs.
        static (string Steps, string[] Verdicts) Split(string text)
        {
            var end = text.IndexOf("\nends:", StringComparison.Ordinal);
            return (text[..end], text[end..].Split('\n').Order(StringComparer.Ordinal).ToArray());
        }

        var (steps, verdicts) = Split(single.Out.Replace(CliRun.Example("merged"), CliRun.Example("merged-composed"), StringComparison.Ordinal));
        Assert.Equal(steps, Split(output).Steps);
        Assert.Equal(verdicts, Split(output).Verdicts);
        Assert.Contains("hvfb_on_panic", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("explore")]
    [InlineData("trace")]
    [InlineData("diff")]
    public async Task A_device_included_in_place_of_a_file_exits_2_with_one_line_naming_the_include(string command)
    {
        var top = CliRun.TempScenario("callbacks: []\ninclude: [/dev/zero]\n");
        try
        {
            var (exit, _, error) = await CliRun.Run(command == "diff" ? [command, CliRun.Example("merged"), top] : [command, top]);

            Assert.Equal(2, exit);
            Assert.Equal($"panicpath: {top}:2:11: expected a readable regular file to include, not '/dev/zero' (a character device, not a regular file)", error.TrimEnd('\n'));
        }
        finally
        {
            File.Delete(top);
        }
    }
}
