using System.CommandLine;
using System.CommandLine.Help;
using PanicPath.Cli.Commands.Demo;
using PanicPath.Cli.Commands.Model;
using PanicPath.Cli.Commands.Supervisor;
using PanicPath.Cli.Commands.Ui;
using PanicPath.Cli.Values;

namespace PanicPath.Cli;

/// <summary>
/// The root of the <c>panicpath</c> command: its subcommands, and the rule that a command line that does
/// not parse is bad input (exit code 2; 125 for <c>run</c>) with one line per problem on standard error
/// (<see cref="CommandLineErrors"/>), then where to read the command's usage.
/// </summary>
public static class PanicPathCommand
{
    /// <summary>The program's name in usage lines and messages, whatever its file is called (<c>PanicPath.Cli.dll</c>, the native binary, a tool shim).</summary>
    public const string Name = "panicpath";

    /// <summary>
    /// Builds the root command with every subcommand, <c>--help</c> and <c>--version</c>. It is named
    /// <see cref="Name"/>: a <see cref="RootCommand"/> would take the running file's name instead.
    /// </summary>
    public static Command Create() => Create(runOnly: false);

    /// <summary>
    /// The root command that parses <paramref name="args"/>: for a <c>run</c> command line, the root with
    /// <c>run</c> alone (and <c>--help</c>, <c>--version</c>), so that the supervisor does not build every
    /// other command's tree and help text before it starts its child. It parses a <c>run</c> line alike:
    /// after <c>run</c> no token reaches a sibling command, so its values, errors and help are the same.
    /// Any other line gets <see cref="Create()"/>.
    /// </summary>
    public static Command CreateFor(IReadOnlyList<string> args) => Create(runOnly: args.Count > 0 && args[0] == RunCommand.Name);

    private static Command Create(bool runOnly)
    {
        var root = new Command(
            Name,
            "PanicPath: ordered, exactly-once, never-hanging panic paths for .NET processes, and a model " +
            "of the Linux panic path that checks drivers' panic notifiers in every configuration.\n\n" +
            "Exit codes: 0 fine, 1 findings, 2 bad input, 70 internal error, 74 output or input failed (a full disk, a closed pipe). 'run' exits with its command's code, or 125, 126, 127 for its own failures (see 'panicpath run --help').\n\n" +
            "Output: on a terminal, tables fit its width (COLUMNS when set), long cells wrap within their column and nothing is elided; " +
            "redirected output is not cut unless COLUMNS is set. Colour only on a terminal, never with NO_COLOR set.");
        // The native supervisor binary parses nothing but run lines (LeanSupervisor): the other commands are not in it.
        if (runOnly || LeanSupervisor.IsEnabled)
        {
            root.Subcommands.Add(RunCommand.Create());
        }
        else
        {
            root.Subcommands.Add(ExploreCommand.Create());
            root.Subcommands.Add(TraceCommand.Create());
            root.Subcommands.Add(DiffCommand.Create());
            root.Subcommands.Add(KernelCommand.Create());
            root.Subcommands.Add(RunCommand.Create());
            root.Subcommands.Add(ReportsCommand.Create());
            root.Subcommands.Add(DemoCommand.Create());
            root.Subcommands.Add(UiCommand.Create());
        }

        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption { Action = new ToolVersionAction() });
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>, writing to the given streams; answers the exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        InvokeAsync(CreateFor(args).Parse(args), args, output, error, cancellationToken);

    /// <summary>Runs the command line <paramref name="args"/> as <paramref name="parsed"/> (by <see cref="CreateFor"/>'s root) parsed it; answers the exit code.</summary>
    public static async Task<int> InvokeAsync(ParseResult parsed, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (parsed.CommandResult.Command.Name == RunCommand.Name)
        {
            // The supervisor forwards SIGTERM and SIGINT to its child and exits when the child does.
            configuration.ProcessTerminationTimeout = null;
        }
        else if (parsed.CommandResult.Command.Name == UiCommand.Name)
        {
            // The web view's host stops its server on SIGTERM and SIGINT itself, and the command then exits 0.
            configuration.ProcessTerminationTimeout = null;
        }

        var problems = CommandLineErrors.Describe(parsed, args);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync($"panicpath: {problem}").ConfigureAwait(false);
            }

            await error.WriteLineAsync($"See '{CommandLineErrors.Path(parsed.CommandResult)} --help'.").ConfigureAwait(false);
            return ExitCodes.BadInputOf(parsed.CommandResult.Command.Name);
        }

        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Failed(e, parsed.CommandResult.Command.Name, error);
        }
    }

    /// <summary>
    /// A command that failed with an exception says so in one line (the stack trace only with
    /// <c>PANICPATH_DEBUG=1</c>) and answers <see cref="ExitCodes.FailedOf"/>: a failed write of its
    /// output (a full disk, a closed pipe) is an I/O error, never "findings".
    /// </summary>
    private static int Failed(Exception e, string command, TextWriter error)
    {
        var what = e is IOException ? "cannot write or read" : "internal error";
        var line = $"panicpath {command}: {what}: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}";
        try
        {
            error.WriteLine(Environment.GetEnvironmentVariable("PANICPATH_DEBUG") == "1" ? line + Environment.NewLine + e : line);
            error.Flush();
        }
        catch (IOException)
        {
            // Standard error is gone too: the exit code is all that is left to say it.
        }

        return ExitCodes.FailedOf(command, e);
    }
}
