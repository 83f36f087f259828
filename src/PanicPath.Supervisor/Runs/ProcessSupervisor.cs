using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.LastWords;
using PanicPath.Supervisor.Launch;

namespace PanicPath.Supervisor.Runs;

/// <summary>
/// The supervisor: starts the command with crash capture armed and its own spool directory, forwards
/// SIGTERM/SIGINT to it, and on each death collects the evidence (the spooled in-process report, the
/// runtime's dump and crash-report JSON for that pid, the output tails), classifies it into one
/// <see cref="DeathRecord"/>, stores it, and restarts by the schedule with back-off. A run that received
/// SIGTERM or SIGINT does not restart (a signal during the back-off ends the run at once). The result's exit code is the last child's.
/// The death sinks hear of each start and, after it is stored, of each death (see <see cref="IDeathSink"/>).
/// </summary>
public sealed class ProcessSupervisor(SupervisorOptions options)
{
    /// <summary>Runs until the process dies for the last time.</summary>
    public async Task<SupervisorResult> RunAsync(CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var runId = $"{DateTime.UtcNow:yyyyMMdd'T'HHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
        var command = string.Join(' ', new[] { options.Command }.Concat(options.Arguments).Select(Quote));
        var deaths = new List<DeathRecord>();
        using var forwarder = options.ForwardSignals ? new SignalForwarder() : null;
        var sinks = new DeathSinkCalls(options.DeathSinks, options.DeathSinkTimeout, options.Error);
        for (var attempt = 0; ; attempt++)
        {
            var death = await RunOnceAsync(runId, attempt, command, forwarder, sinks, cancellationToken).ConfigureAwait(false);
            if (options.Store is { } store)
            {
                death = await store.AddAsync(death, cancellationToken).ConfigureAwait(false);
            }

            var stored = death;
            await sinks.CallAsync((sink, token) => sink.DeathStoredAsync(stored, token)).ConfigureAwait(false);

            deaths.Add(death);
            var restarts = attempt;
            if (forwarder?.StopRequested == true || !options.Restart.ShouldRestart(death.ExitCode, restarts))
            {
                return new SupervisorResult(death.ExitCode, deaths);
            }

            var delay = options.Restart.DelayBefore(restarts + 1);
            await options.Error.WriteLineAsync($"panicpath: {death.Cause} (exit code {death.ExitCode}); restart {restarts + 1} of {options.Restart.MaxRestarts} in {delay.TotalSeconds:0.###} s").ConfigureAwait(false);
            var wait = Task.Delay(delay, cancellationToken);
            await (forwarder is null ? wait : Task.WhenAny(wait, forwarder.Stopped)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (forwarder?.StopRequested == true)
            {
                return new SupervisorResult(death.ExitCode, deaths);
            }
        }
    }

    private async Task<DeathRecord> RunOnceAsync(string runId, int attempt, string command, SignalForwarder? forwarder, DeathSinkCalls sinks, CancellationToken cancellationToken)
    {
        var spool = RunSpool.Create(options.SpoolRoot, $"{runId}-{attempt}");
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        options.Capture.Arm(environment);
        environment[RunSpool.EnvironmentVariable] = spool.Directory;
        foreach (var (name, value) in options.Environment)
        {
            environment[name] = value;
        }

        ChildExit exit;
        var startNotice = Task.CompletedTask;
        void Started(int pid) => startNotice = sinks.CallAsync((sink, token) => sink.ChildStartedAsync(new ChildStart(runId, attempt, pid, command), token));
        try
        {
            exit = await ChildProcess.RunAsync(options.Command, options.Arguments, environment, options.TailLines, options.Output, options.Error, forwarder, cancellationToken, Started).ConfigureAwait(false);
            await startNotice.ConfigureAwait(false);
        }
        catch (Exception e) when (e is ChildStartException or OperationCanceledException)
        {
            spool.Remove();
            throw;
        }

        var report = spool.TakeReport();
        if (spool.Problem is { } problem)
        {
            await options.Error.WriteLineAsync($"panicpath: spooled report not read: {problem}").ConfigureAwait(false);
        }

        var dump = options.Capture.DumpPath(exit.Pid);
        var crashReport = options.Capture.CrashReportPath(exit.Pid);
        var hasDump = File.Exists(dump);
        var hasCrashReport = File.Exists(crashReport);
        var runtimeReport = hasCrashReport ? RuntimeCrashReport.TryRead(crashReport) : null;
        var verdict = DeathClassifier.Classify(new DeathEvidence(exit.ExitCode, report, runtimeReport, exit.StderrTail));
        spool.Remove();
        return new DeathRecord
        {
            RunId = runId,
            Attempt = attempt,
            Command = command,
            Pid = exit.Pid,
            Cause = verdict.Cause,
            ExitCode = exit.ExitCode,
            Signal = verdict.Signal,
            Report = report,
            Dump = hasDump ? dump : null,
            CrashReport = hasCrashReport ? crashReport : null,
            Signature = verdict.Signature,
            Title = verdict.Title,
            StdoutTail = exit.StdoutTail,
            StderrTail = exit.StderrTail,
            StartedAt = exit.StartedAt,
            EndedAt = exit.EndedAt,
        };
    }

    private static string Quote(string part) => part.Length > 0 && !part.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? part : $"'{part.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
