using System.Text.RegularExpressions;
using PanicPath.Supervisor.Tests.Support;
using PanicPath.TestSupport;

namespace PanicPath.Supervisor.Tests.Cli;

/// <summary>
/// The command finds out itself whether its standard output is a terminal: under a real pseudo-terminal 80 columns
/// wide (<c>script</c>) a trace's table fits 80 columns and is coloured, with <c>NO_COLOR</c> it is not, and through a
/// pipe it is neither cut nor coloured.
/// </summary>
public sealed partial class TerminalDetectionTests
{
    private static string[] Trace => ["trace", ExampleScenarios.File("v1-patch16"), "--config", "arch=arm64,kexec_crash_loaded=true,crash_msrs=true"];

    /// <summary>The command line run under an 80-column pseudo-terminal, for <c>script -c</c>.</summary>
    private static string OnTerminal(string environment) =>
        $"stty cols 80 rows 50; {environment} {string.Join(' ', Crasher.Cli.Concat(Trace).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"))}";

    [Fact]
    public async Task On_an_80_column_terminal_a_trace_fits_80_columns_in_colour_and_NO_COLOR_takes_the_colour_away()
    {
        var script = Requirement.Command("script", "runs the command under a pseudo-terminal");

        var (_, _, coloured, _) = await CliProcess.RunProgram(script, ["-qec", OnTerminal(string.Empty), "/dev/null"]);
        var (_, _, plain, _) = await CliProcess.RunProgram(script, ["-qec", OnTerminal("NO_COLOR=1"), "/dev/null"]);

        Assert.Matches(Colour(), coloured);
        Assert.Contains("FAIL channel-unloaded-before-next-kernel", Colour().Replace(coloured, string.Empty), StringComparison.Ordinal);
        var lines = Colour().Replace(coloured, string.Empty).Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.All(lines, line => Assert.False(line.EndsWith(' '), $"ends in a space: '{line}'"));
        Assert.DoesNotMatch(Colour(), plain);
        Assert.Contains("FAIL channel-unloaded-before-next-kernel", plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Through_a_pipe_a_trace_is_neither_cut_nor_coloured()
    {
        var (exit, output, error) = await CliProcess.Run(new Dictionary<string, string?> { ["COLUMNS"] = null, ["NO_COLOR"] = null }, Trace);

        Assert.True(exit == 1, error);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
        Assert.Contains(output.Split('\n'), line => line.Length > 120);
    }

    /// <summary>A select-graphic-rendition escape sequence: colour or bold (not the keypad mode the .NET runtime sets on a terminal).</summary>
    [GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial Regex Colour();
}
