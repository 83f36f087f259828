using System.Text.Json;

namespace PanicPath.Cli.Tests;

public sealed class TraceCommandTests
{
    [Fact]
    public async Task Trace_prints_every_step_of_one_configuration_and_the_verdicts()
    {
        var (exit, output, _) = await CliRun.Run("trace", CliRun.Example("v1-patch16"), "--config", "arch=arm64,kexec_crash_loaded=true,crash_msrs=true");
        Assert.Equal(1, exit);
        Assert.Contains("hv_panic_vmbus_unload", output, StringComparison.Ordinal);
        Assert.Contains("arm64 has no crash-shutdown hook", output, StringComparison.Ordinal);
        Assert.Contains("ends: crash-kernel-boot", output, StringComparison.Ordinal);
        Assert.Contains("FAIL channel-unloaded-before-next-kernel", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trace_exits_0_when_the_run_holds_every_invariant()
    {
        var (exit, output, _) = await CliRun.Run("trace", CliRun.Example("v1-patch16"), "--config", "arch=x86_64,kexec_crash_loaded=true,crash_msrs=true");
        Assert.Equal(0, exit);
        Assert.DoesNotContain("FAIL", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trace_json_has_the_config_the_outcome_and_the_steps()
    {
        var (_, output, _) = await CliRun.Run("trace", CliRun.Example("merged"), "--config", "arch=arm64,kexec_crash_loaded=true", "--json");
        using var json = JsonDocument.Parse(output);
        Assert.Equal("arm64", json.RootElement.GetProperty("config").GetProperty("arch").GetString());
        Assert.Equal("crash-kernel-boot", json.RootElement.GetProperty("outcome").GetString());
        Assert.True(json.RootElement.GetProperty("trace").GetArrayLength() > 5);
    }

    [Fact]
    public async Task Trace_refuses_a_configuration_the_constraints_exclude_naming_the_constraint_and_its_place()
    {
        var file = CliRun.TempScenario("features:\n  a: [false, true]\n  b: [false, true]\nconstraints:\n  - a\n  - \"b -> !a\"\n");
        var (exit, output, error) = await CliRun.Run("trace", file, "--config", "a=true,b=true");
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"panicpath: {file}:6:6: expected a configuration the constraints allow; 'a=true,b=true' breaks the constraint 'b -> !a'{Environment.NewLine}", error);
        var (allowed, _, _) = await CliRun.Run("trace", file, "--config", "a=true");
        Assert.Equal(0, allowed);
    }

    [Fact]
    public async Task Trace_refuses_an_unknown_dimension_naming_the_argument()
    {
        var (exit, _, error) = await CliRun.Run("trace", CliRun.Example("merged"), "--config", "arch=sparc");
        Assert.Equal(2, exit);
        Assert.Contains("--config: expected arch to be one of x86_64, arm64, not 'sparc'", error, StringComparison.Ordinal);
    }
}
