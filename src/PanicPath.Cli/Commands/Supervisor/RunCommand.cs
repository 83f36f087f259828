using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using PanicPath.Supervisor.Launch;
using PanicPath.Supervisor.Restart;
using PanicPath.Supervisor.Runs;

namespace PanicPath.Cli.Commands.Supervisor;

/// <summary>
/// <c>panicpath run [options] -- COMMAND [ARGS]</c>: runs the command under the supervisor with the
/// runtime's crash capture armed, records each death in the store, restarts by policy, and exits with
/// the last child's exit code (128 + N when signal N killed it). Bad options, an unusable data
/// directory or a command that cannot be started exit with 2, naming the culprit.
/// </summary>
internal static class RunCommand
{
    public const string Name = "run";

    public static Command Create()
    {
        var data = DataOption.Create();
        var dumps = new Option<string?>("--dumps") { Description = "Where the runtime writes dumps and crash-report JSON (default: DATA/dumps).", HelpName = "DIR" };
        var dumpType = new Option<int>("--dump-type")
        {
            Description = "The runtime's dump type: 1 mini, 2 heap, 3 triage, 4 full.",
            DefaultValueFactory = _ => CrashCaptureSettings.DefaultDumpType,
        };
        dumpType.Validators.Add(r => Range(r, dumpType, 1, 4));
        var restart = new Option<string>("--restart")
        {
            Description = "When to start the command again after it dies.",
            DefaultValueFactory = _ => "never",
        };
        restart.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is not ("never" or "on-failure" or "always"))
            {
                r.AddError($"--restart must be never, on-failure or always; got '{r.GetValueOrDefault<string>()}'.");
            }
        });
        var maxRestarts = new Option<int>("--max-restarts") { Description = "At most this many restarts.", DefaultValueFactory = _ => 5 };
        maxRestarts.Validators.Add(r => Range(r, maxRestarts, 0, int.MaxValue));
        var backoff = new Option<double>("--backoff") { Description = "Seconds before the first restart; each further one waits twice as long, at most 30 s.", DefaultValueFactory = _ => 1.0 };
        backoff.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is < 0 or > 3600)
            {
                r.AddError("--backoff must be between 0 and 3600 seconds.");
            }
        });
        var tail = new Option<int>("--tail-lines") { Description = "Lines of the command's stdout and stderr kept with each record.", DefaultValueFactory = _ => 100 };
        tail.Validators.Add(r => Range(r, tail, 0, 100_000));
        var lastWords = new LastWordsOptions();
        var postgres = DataOption.CreatePostgres();
        var hangTimeout = new Option<double?>("--hang-timeout")
        {
            Description = "Seconds without a heartbeat after which the command counts as hung: it is dumped, killed and recorded as 'hang'. "
                + "The command (an app with PanicPath) is told to beat every quarter of this time over the report channel; its timer starts at its first "
                + "heartbeat, so a command that never beats (no PanicPath) is never judged hung.",
            HelpName = "SECONDS",
        };
        hangTimeout.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is { } s && (double.IsNaN(s) || s < 0.1 || s > 86_400))
            {
                r.AddError(string.Create(CultureInfo.InvariantCulture, $"--hang-timeout must be between 0.1 and 86400 seconds; got {s}."));
            }
        });
        var commandLine = new Argument<string[]>("command") { Description = "The command and its arguments, after --.", Arity = ArgumentArity.OneOrMore };

        var command = new Command(Name, "Run a command under the supervisor: crash capture armed, every death recorded, restarts by policy. Exits with the command's exit code.");
        command.Options.Add(data);
        command.Options.Add(dumps);
        command.Options.Add(dumpType);
        command.Options.Add(restart);
        command.Options.Add(maxRestarts);
        command.Options.Add(backoff);
        command.Options.Add(tail);
        lastWords.AddTo(command);
        command.Options.Add(postgres);
        command.Options.Add(hangTimeout);
        command.Arguments.Add(commandLine);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var directory = DataOption.Resolve(parse.GetValue(data));
            using var store = DataOption.Open(directory, parse.GetValue(postgres), error);
            if (store is null)
            {
                return ExitCodes.BadInput;
            }

            using var sinks = lastWords.Sinks(parse, error);
            if (sinks is null)
            {
                return ExitCodes.BadInput;
            }

            var parts = parse.GetValue(commandLine)!;
            var policy = parse.GetValue(restart) switch
            {
                "on-failure" => RestartPolicy.OnFailure,
                "always" => RestartPolicy.Always,
                _ => RestartPolicy.Never,
            };
            var initial = TimeSpan.FromSeconds(parse.GetValue(backoff));
            var options = new SupervisorOptions
            {
                Command = parts[0],
                Arguments = parts[1..],
                Capture = new CrashCaptureSettings(parse.GetValue(dumps) is { Length: > 0 } d ? Path.GetFullPath(d) : Path.Combine(directory, "dumps"), parse.GetValue(dumpType)),
                SpoolRoot = Path.Combine(directory, "spool"),
                TailLines = parse.GetValue(tail),
                Restart = new RestartSchedule(policy, parse.GetValue(maxRestarts), initial, TimeSpan.FromSeconds(Math.Max(30, initial.TotalSeconds))),
                Output = output,
                Error = error,
                Store = store,
                DeathSinks = sinks,
                ChannelDirectory = Path.Combine(directory, "channel"),
                HangTimeout = parse.GetValue(hangTimeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            };

            SupervisorResult result;
            try
            {
                result = await new ProcessSupervisor(options).RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ChildStartException e)
            {
                await error.WriteLineAsync($"panicpath: command: {e.Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }
            catch (IOException e)
            {
                await error.WriteLineAsync($"panicpath: --dumps: {e.Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var last = result.Deaths[^1];
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"panicpath: {(last.Id == 0 ? "death not stored" : $"recorded death {last.Id}")}: {last.Cause}, exit code {last.ExitCode}{(last.Signal is null ? string.Empty : $" ({last.Signal})")}: {last.Title}")).ConfigureAwait(false);
            if (last.Dump is not null)
            {
                await error.WriteLineAsync($"panicpath: dump {last.Dump}").ConfigureAwait(false);
            }

            return result.ExitCode;
        });
        return command;
    }

    private static void Range(OptionResult result, Option<int> option, int min, int max)
    {
        var value = result.GetValueOrDefault<int>();
        if (value < min || value > max)
        {
            result.AddError(max == int.MaxValue ? $"{option.Name} must be {min} or more; got {value}." : $"{option.Name} must be between {min} and {max}; got {value}.");
        }
    }
}
