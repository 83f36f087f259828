using PanicPath.Cli.Commands.Rendering;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Store;

namespace PanicPath.Cli.Tests;

/// <summary>
/// Tables fit a terminal's width and are not cut when redirected; colour only on a terminal without NO_COLOR;
/// no line ends in spaces in any mode.
/// </summary>
public sealed class TerminalOutputTests
{
    private const string Escape = "\u001b[";

    private static readonly string[] Trace = ["trace", "--config", "arch=arm64,kexec_crash_loaded=true,crash_msrs=true"];

    private static string[] TraceOf(string file) => [Trace[0], file, .. Trace[1..]];

    private static readonly Terminal Ansi80 = CliRun.Decide(isTerminal: true, windowWidth: 200, ("COLUMNS", "80"));

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").Split('\n');

    /// <summary>The lines of the tables in <paramref name="text"/> (their simple border draws │ between columns and ─ under the headers); other lines are never wrapped, so that a command in them can be copied.</summary>
    private static IEnumerable<string> TableLines(string text) => Lines(text).Where(l => l.Contains('│', StringComparison.Ordinal) || l.Contains('─', StringComparison.Ordinal));

    private static int VisibleLength(string line) => System.Text.RegularExpressions.Regex.Replace(line, "\u001b\\[[0-9;]*m", string.Empty).Length;

    [Fact]
    public void The_rule_gives_a_terminal_its_width_and_colour_and_redirected_output_no_limit_and_no_colour()
    {
        Assert.Equal(new Terminal(120, true), CliRun.Decide(true, 120));
        Assert.Equal(new Terminal(80, true), CliRun.Decide(true, 120, ("COLUMNS", "80")));
        Assert.Equal(new Terminal(80, true), CliRun.Decide(true, null));
        Assert.Equal(new Terminal(120, true), CliRun.Decide(true, 120, ("NO_COLOR", string.Empty)));
        Assert.Equal(new Terminal(120, false), CliRun.Decide(true, 120, ("NO_COLOR", "0")));
        Assert.Equal(new Terminal(null, false), CliRun.Decide(false, 120));
        Assert.Equal(new Terminal(80, false), CliRun.Decide(false, null, ("COLUMNS", "80")));
        Assert.Equal(new Terminal(120, true), CliRun.Decide(true, 120, ("COLUMNS", "wide")));
    }

    [Fact]
    public async Task A_trace_on_an_80_column_terminal_fits_80_columns_with_no_line_ending_in_spaces()
    {
        var (exit, output, _) = await CliRun.RunOn(Ansi80, TraceOf(CliRun.Example("v1-patch16")));

        Assert.Equal(1, exit);
        Assert.All(Lines(output), line => Assert.True(VisibleLength(line) <= 80, $"{VisibleLength(line)} columns: {line}"));
        Assert.All(Lines(output), line => Assert.False(line.EndsWith(' '), $"ends in a space: '{line}'"));
    }

    [Fact]
    public async Task A_redirected_trace_is_not_cut_to_any_width_and_no_line_ends_in_spaces()
    {
        var (_, output, _) = await CliRun.Run(TraceOf(CliRun.Example("v1-patch16")));

        Assert.Contains(Lines(output), line => line.Length > 120);
        Assert.All(Lines(output), line => Assert.False(line.EndsWith(' '), $"ends in a space: '{line}'"));
    }

    [Fact]
    public async Task A_redirected_trace_with_COLUMNS_set_fits_that_width()
    {
        var (_, output, _) = await CliRun.RunOn(CliRun.Decide(false, null, ("COLUMNS", "80")), TraceOf(CliRun.Example("v1-patch16")));

        Assert.All(Lines(output), line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.DoesNotContain(Escape, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trace_on_a_colour_terminal_has_a_red_failure_a_green_pass_and_bold_headers()
    {
        var (_, output, _) = await CliRun.RunOn(Ansi80, TraceOf(CliRun.Example("v1-patch16")));

        Assert.Matches("\u001b\\[(31|91|38;5;9)mFAIL", output);
        Assert.Matches("\u001b\\[(32|92|38;5;10)mok", output);
        Assert.Matches("\u001b\\[1mcallback", output);
    }

    [Fact]
    public async Task Explore_on_a_colour_terminal_paints_violations_red_and_holds_green()
    {
        var (_, output, _) = await CliRun.RunOn(Ansi80, "explore", CliRun.Example("merged"));

        Assert.Contains("\u001b[31mhost-reported-once: violated in ", output, StringComparison.Ordinal);
        Assert.Contains("\u001b[32mterminates: holds\u001b[0m", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_on_a_colour_terminal_paints_what_is_newly_violated_red()
    {
        var (_, output, _) = await CliRun.RunOn(Ansi80, "diff", CliRun.Example("v0-before"), CliRun.Example("v1-patch16"));
        var (_, plain, _) = await CliRun.Run("diff", CliRun.Example("v0-before"), CliRun.Example("v1-patch16"));

        Assert.Matches("\u001b\\[31m[a-z-]+: newly violated in [1-9]", output);
        Assert.Matches("\u001b\\[31m[0-9]+ invariants newly violated\u001b\\[0m", output);
        Assert.Equal(plain, System.Text.RegularExpressions.Regex.Replace(output, "\u001b\\[[0-9;]*m", string.Empty));
    }

    private static string[] Command(string name) => name switch
    {
        "trace" => TraceOf(CliRun.Example("v1-patch16")),
        "explore" => ["explore", CliRun.Example("v1-patch16")],
        "explore --max-traces" => ["explore", CliRun.Example("v1-patch16"), "--max-traces", "2"],
        "diff" => ["diff", CliRun.Example("v0-before"), CliRun.Example("v1-patch16")],
        "kernel list" => ["kernel", "list"],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [InlineData("trace")]
    [InlineData("explore")]
    [InlineData("explore --max-traces")]
    [InlineData("diff")]
    [InlineData("kernel list")]
    public async Task With_NO_COLOR_or_redirected_output_no_command_writes_an_escape_sequence(string name)
    {
        var args = Command(name);
        var plain = await CliRun.Run(args);
        var noColour = await CliRun.RunOn(CliRun.Decide(true, 80, ("NO_COLOR", "1")), args);

        Assert.DoesNotContain(Escape, plain.Out + plain.Err, StringComparison.Ordinal);
        Assert.DoesNotContain(Escape, noColour.Out + noColour.Err, StringComparison.Ordinal);
        Assert.All(TableLines(noColour.Out), line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.All(Lines(plain.Out + noColour.Out), line => Assert.False(line.EndsWith(' '), $"ends in a space: '{line}'"));
    }

    [Fact]
    public async Task Reports_tables_fit_an_80_column_terminal_in_colour_and_carry_no_escape_when_redirected()
    {
        var data = Directory.CreateTempSubdirectory("panicpath-terminal-").FullName;
        try
        {
            using (var store = SqliteDeathStore.Open(data))
            {
                await store.AddAsync(new DeathRecord
                {
                    RunId = "run-1",
                    Command = "dotnet /srv/a-rather-long-path/to/some/service/with/a/long/name/Service.dll --urls http://127.0.0.1:5000",
                    Pid = 4242,
                    Cause = DeathCause.Signal,
                    ExitCode = 139,
                    Signal = "SIGSEGV",
                    Signature = "0123456789abcdef0123456789abcdef",
                    Title = "killed by SIGSEGV while doing something with a very long description that goes on and on",
                    StartedAt = DateTimeOffset.UnixEpoch,
                    EndedAt = DateTimeOffset.UnixEpoch.AddSeconds(5),
                }, TestContext.Current.CancellationToken);
            }

            foreach (var args in new string[][] { ["reports", "list", "--data", data], ["reports", "show", "1", "--data", data], ["reports", "buckets", "--data", data] })
            {
                var (exit, coloured, _) = await CliRun.RunOn(Ansi80, args);
                var (_, plain, _) = await CliRun.Run(args);

                Assert.Equal(0, exit);
                Assert.Contains(Escape, coloured, StringComparison.Ordinal);
                Assert.DoesNotContain(Escape, plain, StringComparison.Ordinal);
                Assert.All(Lines(coloured), line => Assert.True(VisibleLength(line) <= 80, $"{string.Join(' ', args[..2])}: {VisibleLength(line)} columns: {line}"));
                Assert.All(Lines(coloured + plain), line => Assert.False(line.EndsWith(' '), $"ends in a space: '{line}'"));
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
