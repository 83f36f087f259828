using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using PanicPath.Cli.Values;
using PanicPath.Supervisor.Dumps;
using PanicPath.Supervisor.Launch;
using PanicPath.Supervisor.Restart;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Scrubbing;

namespace PanicPath.Cli.Commands.Supervisor;

/// <summary>
/// <c>panicpath run [options] -- COMMAND [ARGS]</c>: runs the command under the supervisor with the
/// runtime's crash capture armed, records each death in the store, restarts by policy, and exits with
/// the last child's exit code (128 + N when signal N killed it). Its own failures, named on standard
/// error, take the codes of <c>env</c> and container runtimes: 125 before the command runs (a bad option
/// or value, a malformed connection string, an unusable dump directory or sink), 126 when the command
/// cannot be executed, 127 when it is not found. A store that cannot be opened (a corrupt file, an
/// unreachable server) does not stop the command: it is said loudly, the command runs, and each death is
/// kept in the spool for a later start (see <see cref="DataOption.OpenForRun"/>). As the <c>panicpath</c>
/// program it acts as PID 1 for the command: child subreaper, reaper of every orphan, forwarder of the
/// signals a container runtime sends.
/// </summary>
internal static class RunCommand
{
    public const string Name = "run";

    public static Command Create()
    {
        var data = DataOption.Create();
        var dumps = CliValues.Directory("--dumps", "Where the runtime writes dumps and crash-report JSON (default: DATA/dumps).");
        var dumpType = CliValues.Count("--dump-type", "The runtime's dump type: 1 mini, 2 heap, 3 triage, 4 full.", CrashCaptureSettings.DefaultDumpType, 1, 4);
        var maxDumps = CliValues.Count("--max-dumps", "Keep at most this many dumps in the dump directory: after each death the oldest go first, never the newest.", DumpRetention.DefaultMaxDumps, 1);
        var maxDumpBytes = CliValues.Bytes("--max-dump-bytes", "Keep at most this many bytes of dumps in the dump directory (2G is 2 GiB): the oldest go first, never the newest.", DumpRetention.DefaultMaxBytes);
        var restart = CliValues.Choice("--restart", "When to start the command again after it dies.", "never", "on-failure", "always");
        var maxRestarts = CliValues.Count("--max-restarts", "At most this many restarts.", 5, 0);
        var backoff = CliValues.Seconds("--backoff", "Seconds before the first restart; each further one waits twice as long, at most 30 s.", 1.0, 0, 3600);
        var tail = CliValues.Count("--tail-lines", "Lines of the command's stdout and stderr kept with each record.", 100, 0, 100_000);
        var lastWords = new LastWordsOptions();
        var postgres = DataOption.CreatePostgres();
        var hangTimeout = CliValues.OptionalSeconds(
            "--hang-timeout",
            "Seconds without a heartbeat after which the command counts as hung: it is dumped, killed and recorded as 'hang'. "
                + "The command (an app with PanicPath) is told to beat every quarter of this time over the report channel; its timer starts at its first "
                + "heartbeat, so a command that never beats (no PanicPath) is never judged hung.",
            0.1,
            86_400);
        var orphanGrace = CliValues.Seconds(
            "--orphan-grace",
            "Seconds that processes of the command still running when it exits (orphans re-parented to the supervisor) have between SIGTERM and SIGKILL.",
            5.0,
            0,
            3600);
        var noScrub = CliValues.Flag(
            "--no-scrub",
            "Store the command line, output tails and report text as they are. By default secrets are masked before anything is stored or sent "
                + "(key=value and --option value pairs whose key names a password, pwd, token, secret, API key, connection string or credential; "
                + "URL passwords; Authorization and Bearer credentials): the key is kept, the value becomes ***.");
        var scrubPatterns = CliValues.Patterns(
            "--scrub-pattern",
            "Also mask every match of this regular expression (repeatable; the whole match becomes ***). Applies with the default rules, or alone with --no-scrub.");
        var commandLine = CliValues.CommandLine("command", "The command and its arguments, after --.");

        var command = new Command(
            Name,
            "Run a command under the supervisor: crash capture armed, every death recorded, restarts by policy.\n\n"
            + "Exit codes: the command's own (128 + N when signal N killed it); 125 panicpath run itself failed before the command ran "
            + "(a bad option or value, an unusable store, dump directory or sink); 126 the command cannot be executed; 127 the command was not found.");
        command.Options.Add(data);
        command.Options.Add(dumps);
        command.Options.Add(dumpType);
        command.Options.Add(maxDumps);
        command.Options.Add(maxDumpBytes);
        command.Options.Add(restart);
        command.Options.Add(maxRestarts);
        command.Options.Add(backoff);
        command.Options.Add(tail);
        lastWords.AddTo(command);
        command.Options.Add(postgres);
        command.Options.Add(hangTimeout);
        command.Options.Add(orphanGrace);
        command.Options.Add(noScrub);
        command.Options.Add(scrubPatterns);
        command.Arguments.Add(commandLine);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var directory = DataOption.Resolve(parse.GetValue(data));
            if (DataOption.PrepareForRun(directory, error) is null)
            {
                return ExitCodes.RunFailed;
            }

            using var store = DataOption.OpenForRun(directory, parse.GetValue(postgres), error);
            if (store is null)
            {
                return ExitCodes.RunFailed;
            }

            using var sinks = lastWords.Sinks(parse, error);
            if (sinks is null)
            {
                return ExitCodes.RunFailed;
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
                Subreaper = ActsAsInit,
                OrphanGrace = TimeSpan.FromSeconds(parse.GetValue(orphanGrace)),
                DumpRetention = new DumpRetention(parse.GetValue(maxDumps), parse.GetValue(maxDumpBytes)),
                Scrubber = new SecretScrubber(parse.GetValue(scrubPatterns), builtIn: !parse.GetValue(noScrub)),
            };

            SupervisorResult result;
            try
            {
                result = await new ProcessSupervisor(options).RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ChildStartException e)
            {
                await error.WriteLineAsync($"panicpath: command: {e.Message}").ConfigureAwait(false);
                return e.NotFound ? ExitCodes.NotFound : ExitCodes.CannotExecute;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The dump or spool directory could not be made private; the message names the path.
                await error.WriteLineAsync($"panicpath: run could not prepare its files: {e.Message}").ConfigureAwait(false);
                return ExitCodes.RunFailed;
            }

            var last = result.Deaths[^1];
            await error.WriteLineAsync(last.EndedCleanly
                ? string.Create(CultureInfo.InvariantCulture, $"panicpath: run ended cleanly (exit code 0){(last.Id == 0 ? "; not stored" : $", recorded as {last.Id}")}")
                : string.Create(CultureInfo.InvariantCulture,
                    $"panicpath: {(last.Id == 0 ? "death not stored" : $"recorded death {last.Id}")}: {last.Cause}, exit code {last.ExitCode}{(last.Signal is null ? string.Empty : $" ({last.Signal})")}: {last.Title}")).ConfigureAwait(false);
            if (last.Dump is not null)
            {
                await error.WriteLineAsync($"panicpath: dump {last.Dump}").ConfigureAwait(false);
            }

            return result.ExitCode;
        });
        return command;
    }

    /// <summary>
    /// True when the <c>run</c> line <paramref name="parsed"/> parsed without a problem and needs what the
    /// native supervisor binary is built without (<see cref="LeanSupervisor"/>): a PostgreSQL store
    /// (<c>--postgres</c> or <c>PANICPATH_POSTGRES</c>) or an OTLP endpoint (<c>--otlp-endpoint</c> or the
    /// <c>OTEL_EXPORTER_OTLP_*</c> variables; one that does not parse is said by the binary at hand).
    /// </summary>
    public static bool NeedsCompleteBinary(ParseResult parsed) =>
        parsed.Errors.Count == 0
        && parsed.CommandResult.Command.Name == Name
        && (DataOption.ChoosesPostgres(parsed.GetValue<string?>(DataOption.PostgresName)) || LastWordsOptions.ChoosesOtlp(parsed.GetValue<string?>(LastWordsOptions.OtlpEndpointName)));

    /// <summary>
    /// True when this process is the <c>panicpath</c> program itself: only then are its children all the
    /// supervisor's, and may it be a subreaper that reaps every orphan. Run inside another host (a test
    /// runner), the command leaves the host's children alone.
    /// </summary>
    private static bool ActsAsInit => System.Reflection.Assembly.GetEntryAssembly() == typeof(RunCommand).Assembly;
}
