using PanicPath.Cli;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Cli;

/// <summary>
/// <c>panicpath explore</c> as a real child process on files written to break it: each exits 2 with one
/// located line, and no stack trace (a stack overflow would kill the process with 134 and a trace).
/// </summary>
public sealed class HostileScenarioTests
{
    public static TheoryData<string, string, string> Files() => new()
    {
        { "ten thousand nested parentheses", "constraints:\n  - \"" + new string('(', 10_000) + "true" + new string(')', 10_000) + "\"\n", ":2:70: expected an expression nested at most 64 deep" },
        { "an alias after a flow list", "knobs:\n  arch: [x86_64] *a\n", ":2:18: expected an alias to an anchor complete before it" },
        { "forty unused boolean features", "features:\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"  f{i}: [false, true]\n")), ":2:3: expected at most 16777216 configurations to explore (--max-configs), not 1099511627776 = f0 (2)" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task Explore_exits_2_with_a_located_line_and_no_stack_trace(string what, string yaml, string expected)
    {
        using var temp = new TempDirectory();
        var file = temp.Sub("hostile.yaml");
        await File.WriteAllTextAsync(file, yaml);

        var (exit, output, error) = await CliProcess.Run(new Dictionary<string, string?>(), "explore", file);

        Assert.True(exit == ExitCodes.BadInput, $"{what}: exit {exit}\n{error}");
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"panicpath: {file}{expected}", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
