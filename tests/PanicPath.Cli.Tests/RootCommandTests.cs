using PanicPath.Cli;

namespace PanicPath.Cli.Tests;

public class RootCommandTests
{
    [Fact]
    public async Task Help_describes_the_tool_and_its_exit_codes_and_exits_zero()
    {
        var (code, output, _) = await Run("--help");

        Assert.Equal(ExitCodes.Fine, code);
        Assert.Contains("PanicPath", output, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 fine, 1 findings, 2 bad input, 70 internal error, 74 output or input failed", output, StringComparison.Ordinal);
        Assert.Contains("tables fit its width (COLUMNS when set)", output, StringComparison.Ordinal);
        Assert.Contains("never with NO_COLOR set", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_names_the_program_panicpath_whatever_file_runs_it()
    {
        var (code, output, _) = await Run("--help");
        var (runCode, runOutput, _) = await Run("run", "--help");

        Assert.Equal(ExitCodes.Fine, code);
        Assert.Matches(@"Usage:\s+panicpath \[command\] \[options\]", output);
        Assert.Equal(ExitCodes.Fine, runCode);
        Assert.Matches(@"Usage:\s+panicpath run ", runOutput);
    }

    /// <summary>Every command below the root, as the words that name it on a command line (<c>reports list</c>).</summary>
    private static IEnumerable<string[]> Commands(System.CommandLine.Command command, string[] path)
    {
        foreach (var sub in command.Subcommands)
        {
            string[] words = [.. path, sub.Name];
            yield return words;
            foreach (var deeper in Commands(sub, words))
            {
                yield return deeper;
            }
        }
    }

    [Fact]
    public async Task Every_command_s_help_names_the_program_panicpath_in_its_usage_line()
    {
        var commands = Commands(PanicPathCommand.Create(), []).ToList();
        Assert.Contains(commands, c => c.SequenceEqual(["reports", "list"]));
        foreach (var command in commands)
        {
            var (code, output, error) = await Run([.. command, "--help"]);

            Assert.True(code == ExitCodes.Fine, $"{string.Join(' ', command)} --help: {error}");
            Assert.Matches($@"Usage:\s+panicpath {System.Text.RegularExpressions.Regex.Escape(string.Join(' ', command))}\b", output);
            Assert.DoesNotContain("PanicPath.Cli", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Help_lists_the_supervisor_commands()
    {
        var (code, output, _) = await Run("--help");

        Assert.Equal(ExitCodes.Fine, code);
        Assert.Matches(@"(?m)^\s+run\s", output);
        Assert.Matches(@"(?m)^\s+reports\s", output);
        Assert.Matches(@"(?m)^\s+demo\s", output);
    }

    [Fact]
    public async Task Run_help_names_every_option()
    {
        var (code, output, _) = await Run("run", "--help");

        Assert.Equal(ExitCodes.Fine, code);
        foreach (var option in new[] { "--data", "--dumps", "--dump-type", "--restart", "--max-restarts", "--backoff", "--tail-lines" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Run_help_documents_its_own_exit_codes_beside_the_mirrored_ones()
    {
        var (code, output, _) = await Run("run", "--help");

        Assert.Equal(ExitCodes.Fine, code);
        Assert.Contains("Exit codes: the command's own (128 + N when signal N killed it); 125 panicpath run itself failed before the command ran", output, StringComparison.Ordinal);
        Assert.Contains("126 the command cannot be executed; 127 the command was not found.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_assembly_version_and_exits_zero()
    {
        var (code, output, _) = await Run("--version");

        Assert.Equal(ExitCodes.Fine, code);
        Assert.StartsWith(typeof(PanicPathCommand).Assembly.GetName().Version!.ToString(3), output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_is_bad_input_and_is_named()
    {
        var (code, _, error) = await Run("--no-such-option");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--no-such-option", error, StringComparison.Ordinal);
        Assert.Contains("panicpath --help", error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await PanicPathCommand.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
