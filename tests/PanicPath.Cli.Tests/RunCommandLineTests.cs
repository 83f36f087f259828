using System.CommandLine;
using PanicPath.Cli.Values;

namespace PanicPath.Cli.Tests;

/// <summary>A <c>run</c> command line is parsed by the root holding <c>run</c> alone (<see cref="PanicPathCommand.CreateFor"/>).</summary>
public sealed class RunCommandLineTests
{
    public static TheoryData<string[]> RunLines() => new()
    {
        new[] { "run", "--no-such-option", "--", "true" },
        new[] { "run" },
        new[] { "run", "--" },
        new[] { "run", "--dump-type", "9", "--", "true" },
        new[] { "run", "--restart", "sometimes", "--backoff", "abc", "--", "true" },
        new[] { "run", "--max-dump-bytes", "1.5G", "--tail-lines", "-1", "--", "true" },
        new[] { "run", "--data", string.Empty, "--", "true" },
        new[] { "run", "--otlp-endpoint", "localhost:4318", "--", "true" },
        new[] { "run", "--postgres", "abc", "--hang-timeout", "NaN", "--", "true" },
        new[] { "run", "explore", "--", "true" },
        new[] { "run", "--version" },
        new[] { "run", "--help" },
        new[] { "run", "-h", "--", "true" },
    };

    [Theory]
    [MemberData(nameof(RunLines))]
    public async Task A_run_command_line_parses_fails_and_helps_alike_through_the_root_holding_run_alone_and_through_the_whole_tree(string[] args)
    {
        var alone = PanicPathCommand.CreateFor(args);
        Assert.Equal([RunCommandName], alone.Subcommands.Select(c => c.Name));

        var (wholeErrors, wholeCode, wholeHelp) = await Parse(PanicPathCommand.Create(), args);
        var (aloneErrors, aloneCode, aloneHelp) = await Parse(alone, args);

        Assert.Equal(wholeErrors, aloneErrors);
        Assert.Equal(wholeCode, aloneCode);
        Assert.Equal(wholeHelp, aloneHelp);
    }

    [Fact]
    public void Any_other_command_line_gets_the_whole_tree()
    {
        Assert.Equal(PanicPathCommand.Create().Subcommands.Select(c => c.Name), PanicPathCommand.CreateFor(["explore", "run"]).Subcommands.Select(c => c.Name));
        Assert.Equal(PanicPathCommand.Create().Subcommands.Select(c => c.Name), PanicPathCommand.CreateFor([]).Subcommands.Select(c => c.Name));
    }

    private const string RunCommandName = "run";

    /// <summary>The error lines, the command's bad-input code, and the help text when the line asks for help (else empty).</summary>
    private static async Task<(IReadOnlyList<string> Errors, int Code, string Help)> Parse(Command root, string[] args)
    {
        var parsed = root.Parse(args);
        var errors = CommandLineErrors.Describe(parsed, args).Append(CommandLineErrors.Path(parsed.CommandResult)).ToList();
        var help = string.Empty;
        if (errors.Count == 1 && args.Any(a => a is "--help" or "-h"))
        {
            using var output = new StringWriter();
            await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, TestContext.Current.CancellationToken);
            help = output.ToString();
            Assert.Contains("Usage:", help, StringComparison.Ordinal);
        }

        return (errors, ExitCodes.BadInputOf(parsed.CommandResult.Command.Name), help);
    }
}
