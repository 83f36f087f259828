using System.CommandLine;
using PanicPath.Cli.Commands.Demo;
using PanicPath.Cli.Commands.Model;
using PanicPath.Cli.Commands.Supervisor;
using PanicPath.Cli.Values;

namespace PanicPath.Cli;

/// <summary>
/// The root of the <c>panicpath</c> command: its subcommands, and the rule that a command line that does
/// not parse is bad input (exit code 2; 125 for <c>run</c>) with one line per problem on standard error
/// (<see cref="CommandLineErrors"/>), then where to read the command's usage.
/// </summary>
public static class PanicPathCommand
{
    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand(
            "PanicPath: ordered, exactly-once, never-hanging panic paths for .NET processes, and a model " +
            "of the Linux panic path that checks drivers' panic notifiers in every configuration.\n\n" +
            "Exit codes: 0 fine, 1 findings, 2 bad input. 'run' exits with its command's code, or 125, 126, 127 for its own failures (see 'panicpath run --help').");
        root.Subcommands.Add(ExploreCommand.Create());
        root.Subcommands.Add(TraceCommand.Create());
        root.Subcommands.Add(DiffCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ReportsCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());

        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Action = new ToolVersionAction();
        }

        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>, writing to the given streams; answers the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = Create();
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        var parsed = root.Parse(args);
        if (parsed.CommandResult.Command.Name == RunCommand.Name)
        {
            // The supervisor forwards SIGTERM and SIGINT to its child and exits when the child does.
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

        return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
