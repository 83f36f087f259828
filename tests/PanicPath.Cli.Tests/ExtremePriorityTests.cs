namespace PanicPath.Cli.Tests;

/// <summary>A notifier priority near <c>int.MinValue</c> or <c>int.MaxValue</c> prints in the kernel's spelling, never as -2147483648.</summary>
public sealed class ExtremePriorityTests
{
    private static string Scenario(string priority) => File.ReadAllText(Path.Combine(PanicPath.TestSupport.ExampleScenarios.Folder, "..", "pvpanic", "pause-on-panic.yaml"))
        .Replace("    priority: INT_MAX\n", $"    priority: {priority}\n", StringComparison.Ordinal);

    [Theory]
    [InlineData("INT_MAX", "INT_MAX")]
    [InlineData("INT_MAX-1", "INT_MAX - 1")]
    [InlineData("INT_MIN", "INT_MIN")]
    [InlineData("INT_MIN+3", "INT_MIN + 3")]
    [InlineData("-2147482648", "INT_MIN + 1000")]
    [InlineData("2147482647", "INT_MAX - 1000")]
    public async Task A_trace_prints_an_extreme_priority_as_the_kernel_spells_it(string written, string shown)
    {
        var text = Scenario(written);
        Assert.Contains($"priority: {written}", text, StringComparison.Ordinal);
        var path = CliRun.TempScenario(text);
        try
        {
            var (exit, output, error) = await CliRun.Run("trace", path, "--config", "kexec_crash_loaded=false,crash_kexec_post_notifiers=false,host_on_panic=dump,pause_on_crash_loaded=false");

            Assert.True(exit is 0 or 1, error);
            Assert.Contains($"(priority {shown})", output, StringComparison.Ordinal);
            Assert.DoesNotContain("214748", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
