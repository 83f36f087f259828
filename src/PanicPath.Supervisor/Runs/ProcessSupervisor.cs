using PanicPath.Reports;
using PanicPath.Supervisor.Channel;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Dumps;
using PanicPath.Supervisor.Files;
using PanicPath.Supervisor.LastWords;
using PanicPath.Supervisor.Hang;
using PanicPath.Supervisor.Launch;
using PanicPath.Supervisor.Scrubbing;
using PanicPath.Supervisor.Store;

namespace PanicPath.Supervisor.Runs;

/// <summary>
/// The supervisor: starts the command with crash capture armed and its own spool directory, forwards
/// the signals a container runtime sends to it (<see cref="SignalForwarder"/>), and on each death collects the evidence (the spooled in-process report, the
/// runtime's dump and crash-report JSON for that pid, the output tails), classifies it into one
/// <see cref="DeathRecord"/>, stores it, and restarts by the schedule with back-off. A run that received
/// SIGTERM, SIGINT, SIGHUP or SIGQUIT does not restart (a signal during the back-off ends the run at once). The result's exit code is the last child's.
/// The death sinks hear of each start and, after it is stored, of each death (see <see cref="IDeathSink"/>);
/// a clean exit 0 is stored as a run that ended cleanly (<see cref="DeathCause.CleanExit"/>, in no bucket), and the sinks hear of it as of a death.
/// <para>
/// Before the child starts it does only what must come first (and starts the thread pool's first threads,
/// which cost less started before the launch than alongside the child's start): the spool root and dump directory made
/// private (crash capture armed), the subreaper, the report channel's socket listening (its accept loop
/// and event thread start when the child is admitted, right after its launch:
/// <see cref="ReportChannelOptions.AcceptFromFirstLife"/>), the child's spool directory and slot with its
/// space taken (flushed to disk right after the launch, <see cref="RunSpool.SyncSlot"/>).
/// Right after the first child is launched (not before, so as not to compete with its start) the store
/// starts opening (<see cref="DeferredDeathStore.StartOpening"/>; the first pending row waits for it), the
/// reports earlier runs left in the spool root start being recorded while the child runs
/// (<see cref="SpoolIngest"/>), before this run's first death is stored, and the path from a report to its
/// row is run once on a made-up report (<see cref="ReportPathWarmUp"/>), so that the first real report is
/// not slowed by compiling it. A child that never starts still has the leftovers recorded.
/// With <see cref="SupervisorOptions.ChannelDirectory"/> it opens a report channel for the run
/// (<c>PANICPATH_CHANNEL</c>) whose inbox for each life is that child's spool directory, and with
/// <see cref="SupervisorOptions.HangTimeout"/> it watches the child's heartbeats (<see cref="HangWatchdog"/>).
/// The moment the channel stores the first report of a life (the short report at panic entry, or the long
/// one), the death is stored pending (<see cref="IDeathStore.AddPendingAsync"/>), while the child still runs its
/// notifiers; after the exit the same record is completed. A supervisor killed in between leaves the
/// reports in the child's spool directory, and the next start's <see cref="SpoolIngest"/> completes it.
/// With <see cref="SupervisorOptions.Subreaper"/> it does PID 1's duties for the run (<see cref="Subreaper"/>).
/// A channel that cannot be opened safely is noted and the run goes on with the spool alone.
/// </para>
/// <para>
/// The spool root and the dump directory are made private (<see cref="PrivateDirectory"/>) before anything
/// else; one that is a symbolic link or another user's throws <see cref="UnsafePathException"/> naming it
/// and nothing starts. A dump directory that turns bad between restarts costs that start its dump only.
/// </para>
/// <para>
/// After each death is stored the dump directory's retention runs (<see cref="SupervisorOptions.DumpRetention"/>):
/// the oldest dumps go first, never this death's, and the deaths whose dump went are marked pruned.
/// </para>
/// <para>
/// Every death is scrubbed of secrets (<see cref="SupervisorOptions.Scrubber"/>) after it is classified and
/// before it leaves: the store is written through <see cref="ScrubbingDeathStore"/> (complete, pending and
/// ingested deaths alike), and the death the slot, the sinks and the result get is the scrubbed one. Its
/// signature is computed from the text before scrubbing, so scrubbing never moves a death to another bucket.
/// </para>
/// </summary>
public sealed class ProcessSupervisor(SupervisorOptions options)
{
    /// <summary>The store behind the scrubber: every death written goes through <see cref="SupervisorOptions.Scrubber"/>.</summary>
    private readonly IDeathStore? store = ScrubbingDeathStore.Wrap(options?.Store, options?.Scrubber ?? SecretScrubber.Default);

    /// <summary>Runs until the process dies for the last time.</summary>
    public async Task<SupervisorResult> RunAsync(CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var runId = $"{DateTime.UtcNow:yyyyMMdd'T'HHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
        var command = string.Join(' ', new[] { options.Command }.Concat(options.Arguments).Select(Quote));
        var deaths = new List<DeathRecord>();
        PrivateDirectory.Ensure(options.SpoolRoot);
        if (options.Capture.Armed)
        {
            PrivateDirectory.EnsureOwn(options.Capture.DumpDirectory, DumpFiles.IsDumpOrReportName);
        }

        var kept = new KeptDeaths();

        // Started right after the first child is launched, so as not to compete with its start: the
        // store's opening (a store made with DeferredDeathStore.OpenWhenStarted), the leftovers of earlier
        // runs recorded while the child runs (ingest leaves alone the spool directories a live supervisor
        // holds, this run's included, and the store serialises its calls), and the report -> row path
        // compiled now rather than at the first report.
        Task<(int Recorded, bool StoreFailed)>? ingest = null;
        var warmUp = Task.CompletedTask;
        var begun = false;
        void BeginAlongside(bool warm)
        {
            if (begun)
            {
                return;
            }

            begun = true;
            (options.Store as DeferredDeathStore)?.StartOpening();
            ingest = store is { } leftovers && options.IngestSpool
                ? Task.Run(() => SpoolIngest.TryIngestAsync(options.SpoolRoot, leftovers, options.Error, cancellationToken), cancellationToken)
                : null;
            if (warm)
            {
                warmUp = ReportPathWarmUp.StartAsync(store, cancellationToken);
            }
        }

        StartThreadPool();
        using var reaper = options.Subreaper ? Subreaper.Start(options.OrphanGrace, options.Error) : null;
        await using var channel = await OpenChannelAsync(reaper is not null).ConfigureAwait(false);
        using var forwarder = options.ForwardSignals ? new SignalForwarder() : null;
        var sinks = new DeathSinkCalls(options.DeathSinks, options.DeathSinkTimeout, options.Error);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var (death, spool) = await RunOnceAsync(runId, attempt, command, forwarder, reaper, channel, sinks, () => BeginAlongside(warm: true), cancellationToken).ConfigureAwait(false);

                // Scrubbed after it was classified (its signature is of the text as the child wrote it) and
                // before anything leaves: the slot, the sinks and the result see what the store does.
                death = options.Scrubber.Scrub(death);
                if (ingest is not null)
                {
                    kept.LeftoversWaiting = (await ingest.ConfigureAwait(false)).StoreFailed;
                    ingest = null;
                }

                var stored = await StoreAsync(death, spool, cancellationToken).ConfigureAwait(false);
                death = stored.Death;
                await PruneDumpsAsync(death, cancellationToken).ConfigureAwait(false);
                deaths.Add(death);
                if (stored.Kept)
                {
                    kept.Add(deaths.Count - 1, spool!);
                }
                else
                {
                    // The store takes writes again: what it refused earlier goes in now.
                    await RetryKeptAsync(deaths, kept, cancellationToken).ConfigureAwait(false);
                }

                var told = death;
                await sinks.CallAsync((sink, token) => sink.DeathStoredAsync(told, token)).ConfigureAwait(false);

                var restarts = attempt;
                if (forwarder?.StopRequested == true || !options.Restart.ShouldRestart(death.ExitCode, restarts))
                {
                    break;
                }

                var delay = options.Restart.DelayBefore(restarts + 1);
                await options.Error.WriteLineAsync($"panicpath: {death.Cause} (exit code {death.ExitCode}); restart {restarts + 1} of {options.Restart.MaxRestarts} in {delay.TotalSeconds:0.###} s").ConfigureAwait(false);
                var wait = Task.Delay(delay, cancellationToken);
                await (forwarder is null ? wait : Task.WhenAny(wait, forwarder.Stopped)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (forwarder?.StopRequested == true)
                {
                    break;
                }
            }

            await RetryKeptAsync(deaths, kept, cancellationToken).ConfigureAwait(false);
            foreach (var (index, spool) in kept.Pending)
            {
                await options.Error.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"panicpath: the death of attempt {deaths[index].Attempt} stays in {spool.SlotPath} for the next start to record")).ConfigureAwait(false);
            }

            return new SupervisorResult(deaths[^1].ExitCode, deaths);
        }
        finally
        {
            // A child that never started: the leftovers are still recorded before the store closes.
            BeginAlongside(warm: false);
            await warmUp.ConfigureAwait(false);
            if (ingest is not null)
            {
                try
                {
                    // The child never ran to its death (it could not start, or the run was cancelled): ingest still finishes before the store closes.
                    await ingest.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Cancelled with the run; what is left stays for the next start.
                }
            }

            kept.ReleaseAll();
        }
    }

    /// <summary>
    /// Starts the thread pool's first threads (its gate thread and a worker) now, before the child is
    /// launched, with one empty work item. A thread's start waits, yielding, until the new thread runs:
    /// here, with the CPUs free, that is quick; right after the launch, where the pool's first work comes
    /// (the channel's accept loop, the store's opening), the child's start keeps the CPUs of a small machine
    /// busy and the same starts cost the supervisor about a millisecond of CPU more alongside the child.
    /// </summary>
    private static void StartThreadPool() => ThreadPool.UnsafeQueueUserWorkItem(static _ => { }, null);

    private async Task<IReportChannel?> OpenChannelAsync(bool admitOrphans)
    {
        if (options.ChannelDirectory is not { } directory)
        {
            return null;
        }

        if (!ReportChannel.Supported)
        {
            await options.Error.WriteLineAsync("panicpath: no report channel on this platform; reports come through the spool").ConfigureAwait(false);
            return null;
        }

        try
        {
            return ReportChannel.Open(new ReportChannelOptions(directory, options.MaxMessageBytes, options.Error) { AdmitOrphans = admitOrphans, AcceptFromFirstLife = true });
        }
        catch (IOException e)
        {
            await options.Error.WriteLineAsync($"panicpath: no report channel ({e.Message}); reports come through the spool").ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>
    /// Stores the death, then removes its spool directory. A store that fails (a database gone away, a
    /// full disk) is noted and the run goes on: the death is answered unstored (id 0) and kept in the
    /// spool directory's slot (<see cref="RunSpool.KeepDeath"/>), holding the directory, for a later try
    /// in this run or the next start's <see cref="SpoolIngest"/>; without a slot, a death with an
    /// in-process report leaves its spool directory for the next start, and one without is lost (said so).
    /// The death was scrubbed when it was classified (<see cref="RunAsync"/>), so it goes to the store as it
    /// is, not through the scrubbing store a second time.
    /// </summary>
    private async Task<(DeathRecord Death, bool Kept)> StoreAsync(DeathRecord death, RunSpool? spool, CancellationToken cancellationToken)
    {
        if (options.Store is not { } store)
        {
            await RemoveAsync(spool).ConfigureAwait(false);
            return (death, false);
        }

        try
        {
            death = await store.AddAsync(death, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var why = $"panicpath: store write failed, death not stored ({e.GetType().Name}: {e.Message})";
            if (spool is null)
            {
                await options.Error.WriteLineAsync($"{why}; no spool directory to keep it in: the death is lost").ConfigureAwait(false);
                return (death, false);
            }

            if (spool.KeepDeath(death) is not { } slotProblem)
            {
                await options.Error.WriteLineAsync($"{why}; the death is kept in {spool.SlotPath} and recorded when the store takes writes again (next death, exit or next start)").ConfigureAwait(false);
                return (death, true);
            }

            if (death.Report is null)
            {
                await options.Error.WriteLineAsync($"{why}; slot write failed ({slotProblem}): the death is lost").ConfigureAwait(false);
                await RemoveAsync(spool).ConfigureAwait(false);
            }
            else
            {
                await options.Error.WriteLineAsync($"{why}; slot write failed ({slotProblem}); its report stays in {spool.Directory} for the next start").ConfigureAwait(false);
                spool.Release();
            }

            return (death, false);
        }

        await RemoveAsync(spool).ConfigureAwait(false);
        return (death, false);
    }

    /// <summary>
    /// Stores the deaths of this run kept in slots, oldest first, until the store refuses one; each one
    /// stored gets its id and its spool directory is removed. Then, when the start's ingest was cut short
    /// by a refusing store, ingests the leftovers of earlier runs again.
    /// </summary>
    private async Task RetryKeptAsync(List<DeathRecord> deaths, KeptDeaths kept, CancellationToken cancellationToken)
    {
        // The kept deaths were scrubbed when they were classified: stored as they are (see StoreAsync). The
        // leftovers of earlier runs were not: they go through the scrubbing store.
        if (options.Store is not { } direct || this.store is not { } store)
        {
            return;
        }

        while (kept.Pending.Count > 0)
        {
            var (index, spool) = kept.Pending[0];
            try
            {
                deaths[index] = await direct.AddAsync(deaths[index], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return;
            }

            kept.Pending.RemoveAt(0);
            await RemoveAsync(spool).ConfigureAwait(false);
            await options.Error.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"panicpath: the death of attempt {deaths[index].Attempt} kept in the slot is now recorded as death {deaths[index].Id}")).ConfigureAwait(false);
        }

        if (kept.LeftoversWaiting && options.IngestSpool)
        {
            kept.LeftoversWaiting = (await SpoolIngest.TryIngestAsync(options.SpoolRoot, store, options.Error, cancellationToken).ConfigureAwait(false)).StoreFailed;
        }
    }

    /// <summary>Removes a spool directory; anything in it PanicPath did not write keeps it, and is named.</summary>
    private async Task RemoveAsync(RunSpool? spool)
    {
        if (spool?.Remove() is { Count: > 0 } left)
        {
            await options.Error.WriteLineAsync($"panicpath: spool directory {spool.Directory} kept: it holds {string.Join(", ", left)}, which panicpath did not write").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Applies the dump retention now that this death's dump is in place (it is kept), notes each dump
    /// removed, and marks in the store the deaths whose dump it was. A store that fails is noted; the run goes on.
    /// </summary>
    private async Task PruneDumpsAsync(DeathRecord death, CancellationToken cancellationToken)
    {
        var (removed, problems) = options.DumpRetention.Apply(options.Capture.DumpDirectory, death.Dump);
        foreach (var problem in problems)
        {
            await options.Error.WriteLineAsync($"panicpath: dump retention: not removed: {problem}").ConfigureAwait(false);
        }

        var now = DateTimeOffset.UtcNow;
        foreach (var dump in removed)
        {
            var marked = 0;
            string? failure = null;
            if (this.store is { } store)
            {
                try
                {
                    marked = await store.MarkDumpPrunedAsync(dump.Path, Environment.MachineName, dump.WrittenAt, now, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failure = $"; not marked in the store ({e.GetType().Name}: {e.Message})";
                }
            }

            await options.Error.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"panicpath: dump retention (at most {options.DumpRetention.MaxDumps} dumps, {options.DumpRetention.MaxBytes} bytes): removed {dump.Path} ({dump.Bytes} bytes){failure ?? (marked == 0 ? string.Empty : $", {marked} death(s) marked pruned")}")).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The dump of the death of <paramref name="pid"/>: the runtime's or the hang watchdog's
    /// <c>core.&lt;pid&gt;</c>, else the in-process dump its report names when that is a dump in the dump directory.
    /// </summary>
    private string? FindDump(int pid, CrashReport? report)
    {
        var core = options.Capture.DumpPath(pid);
        if (File.Exists(core))
        {
            return core;
        }

        if (report?.DumpPath is { Length: > 0 } reported
            && string.Equals(Path.GetDirectoryName(Path.GetFullPath(reported)), Path.GetFullPath(options.Capture.DumpDirectory).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal)
            && DumpFiles.IsDumpName(Path.GetFileName(reported))
            && File.Exists(reported))
        {
            return Path.GetFullPath(reported);
        }

        return null;
    }

    private async Task<(DeathRecord Death, RunSpool? Spool)> RunOnceAsync(string runId, int attempt, string command, SignalForwarder? forwarder, Subreaper? reaper, IReportChannel? channel, DeathSinkCalls sinks, Action launched, CancellationToken cancellationToken)
    {
        var spool = await CreateSpoolAsync($"{runId}-{attempt}", attempt).ConfigureAwait(false);
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        try
        {
            options.Capture.Arm(environment);
        }
        catch (UnsafePathException e)
        {
            await options.Error.WriteLineAsync($"panicpath: no crash dump for this start: dump directory {e.Message}").ConfigureAwait(false);
            (options.Capture with { Armed = false }).Arm(environment);
        }

        environment[RunSpool.EnvironmentVariable] = spool?.Directory ?? string.Empty;
        environment[PanicPath.Reports.SlotFile.EnvironmentVariable] = spool?.SlotPath ?? string.Empty;
        var hangTimeout = channel is null ? null : options.HangTimeout;
        environment[ReportChannel.EnvironmentVariable] = channel?.Address ?? "none";
        environment[PanicPath.Panics.PanicRuntime.HeartbeatEnvironmentVariable] = hangTimeout is { } t
            ? HangWatchdog.IntervalFor(t).TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)
            : "0";
        foreach (var (name, value) in options.Environment)
        {
            environment[name] = value;
        }

        ChannelLife? life = null;
        Task<HangVerdict?>? watch = null;
        using var childGone = new CancellationTokenSource();
        var startNotice = Task.CompletedTask;
        var pending = Task.CompletedTask;
        Task<string?> slotSynced = Task.FromResult<string?>(null);
        void Started(int pid)
        {
            spool?.RecordChild(pid);
            life = spool is null ? null : channel?.Admit(pid, spool.Directory, spool.SlotPath);
            launched();
            // The slot's zeros go to disk now, after the launch, not before it. What a death on a full
            // disk needs is the slot's space, and the space is taken when the zeros are written before the
            // launch (a file system with delayed allocation, ext4 or XFS, reserves the blocks at the write
            // and fails it on a full disk: the child then runs without a slot, said as before). The flush
            // adds no space; it only makes the zeros durable, which nothing reads after a crash of the
            // machine, and a death's record in the slot is flushed by whoever writes it. A file system that
            // finds out only at the flush answers here, while the child starts, and that is said after the
            // child's exit.
            // The same thread reads first what the runtime reads when it sees the child exit (see
            // ChildProcess.PrepareForExit), so that is not done between the exit and the death's record.
            slotSynced = Task.Run(() =>
            {
                ChildProcess.PrepareForExit();
                return spool?.SyncSlot();
            });
            if (life is not null && this.store is { } store)
            {
                pending = StorePendingAsync(store, life, runId, attempt, command, pid, spool!.Directory, childGone.Token);
            }

            startNotice = sinks.CallAsync((sink, token) => sink.ChildStartedAsync(new ChildStart(runId, attempt, pid, options.Scrubber.Scrub(command)), token));
            if (life is not null && hangTimeout is { } timeout)
            {
                watch = HangWatchdog.WatchAsync(life, pid, timeout, options.Capture, options.Error, childGone.Token, reaper);
            }
        }

        ChildExit exit;
        try
        {
            exit = await ChildProcess.RunAsync(options.Command, options.Arguments, environment, options.TailLines, options.Output, options.Error, forwarder, cancellationToken, Started, reaper).ConfigureAwait(false);
            await startNotice.ConfigureAwait(false);
        }
        catch (Exception e) when (e is ChildStartException or OperationCanceledException)
        {
            await childGone.CancelAsync().ConfigureAwait(false);
            if (watch is not null)
            {
                await watch.ConfigureAwait(false);
            }

            await pending.ConfigureAwait(false);
            await slotSynced.ConfigureAwait(false);
            EndLife(channel, life);
            await RemoveAsync(spool).ConfigureAwait(false);
            throw;
        }

        // Cancelled on this thread, not through CancelAsync: what waits on the token (the hang watchdog,
        // the wait for a first report) ends here at once, and the rest of the exit's path stays on the
        // thread that saw the exit instead of moving to another thread of the pool.
        childGone.Cancel();
        var hang = watch is null ? null : await watch.ConfigureAwait(false);
        await pending.ConfigureAwait(false);
        if (await slotSynced.ConfigureAwait(false) is { } syncProblem)
        {
            await options.Error.WriteLineAsync($"panicpath: the child's slot was not flushed to disk ({syncProblem}); a death on a full disk may have been lost").ConfigureAwait(false);
        }

        EndLife(channel, life);
        if (life?.ReportPath is not null)
        {
            await options.Error.WriteLineAsync(life.InboxProblem is { } inboxProblem
                ? $"panicpath: report received over the channel from pid {life.ReportSenderPid}; inbox write failed ({inboxProblem}); the report is kept in {life.ReportPath}"
                : $"panicpath: report received over the channel from pid {life.ReportSenderPid}").ConfigureAwait(false);
        }

        var report = spool?.TakeReport();
        if (spool?.Problem is { } problem)
        {
            await options.Error.WriteLineAsync($"panicpath: spooled report not read: {problem}").ConfigureAwait(false);
        }

        if (report is not null && life?.InboxProblem is null && spool?.SlotPath is { } slotPath && spool.ReportSource == slotPath)
        {
            await options.Error.WriteLineAsync($"panicpath: the child's report was kept in {spool.SlotPath} (its spool write failed)").ConfigureAwait(false);
        }

        var dump = FindDump(exit.Pid, report);
        var crashReport = options.Capture.CrashReportPath(exit.Pid);
        var hasCrashReport = File.Exists(crashReport);
        var runtimeReport = hasCrashReport ? RuntimeCrashReport.TryRead(crashReport) : null;
        var verdict = DeathClassifier.Classify(new DeathEvidence(exit.ExitCode, report, runtimeReport, exit.StderrTail, command));
        if (hang is not null)
        {
            verdict = new DeathClassification(
                DeathCause.Hang,
                verdict.Signal,
                DeathSignature.Of(DeathCause.Hang, "no heartbeat", []),
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"hang: no heartbeat for {hang.Timeout.TotalSeconds:0.###} s"));
        }

        return (DeathException.Fill(new DeathRecord
        {
            RunId = runId,
            Attempt = attempt,
            Command = command,
            Pid = exit.Pid,
            Cause = verdict.Cause,
            ExitCode = exit.ExitCode,
            Signal = verdict.Signal,
            Report = report,
            Dump = dump,
            Host = Environment.MachineName,
            CrashReport = hasCrashReport ? crashReport : null,
            Signature = verdict.Signature,
            Title = verdict.Title,
            StdoutTail = exit.StdoutTail,
            StderrTail = exit.StderrTail,
            StartedAt = exit.StartedAt,
            EndedAt = exit.EndedAt,
        }, runtimeReport), spool);
    }

    /// <summary>
    /// Waits for the first report of <paramref name="life"/> while the child runs, and stores its death
    /// pending at once. Nothing when the child dies first (the death is stored complete after the exit). A
    /// store that fails is noted and the run goes on: the death is stored after the exit, and the report
    /// is in the child's spool directory meanwhile. Never throws.
    /// </summary>
    private async Task StorePendingAsync(IDeathStore store, ChannelLife life, string runId, int attempt, string command, int pid, string directory, CancellationToken childGone)
    {
        var started = DateTimeOffset.UtcNow;
        CrashReport first;
        try
        {
            first = await life.FirstReport.WaitAsync(childGone).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            var death = SpoolIngest.Death(runId, attempt, first, directory) with { Command = command, Pid = pid, StartedAt = started, Pending = true };
            await store.AddPendingAsync(death, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await options.Error.WriteLineAsync($"panicpath: pending death not stored ({e.GetType().Name}: {e.Message}); it is stored when the child has exited").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The child's spool directory with its reserved slot. Before the first start, a directory that
    /// cannot be made fails the run (nothing has started; the exception names the path). For a restart
    /// (the disk filled up meanwhile) it is said loudly and the child runs without one, as it runs
    /// without a slot that cannot be reserved (named).
    /// </summary>
    private async Task<RunSpool?> CreateSpoolAsync(string name, int attempt)
    {
        RunSpool spool;
        try
        {
            spool = RunSpool.Create(options.SpoolRoot, name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && attempt > 0)
        {
            await options.Error.WriteLineAsync($"panicpath: no spool directory for this child ({e.Message}); it runs anyway, and its report is lost if the channel cannot take it").ConfigureAwait(false);
            return null;
        }

        if (spool.SlotProblem is { } slotProblem)
        {
            await options.Error.WriteLineAsync($"panicpath: no slot reserved for this child ({slotProblem}); it runs anyway, and a death on a full disk may be lost").ConfigureAwait(false);
        }

        return spool;
    }

    private static void EndLife(IReportChannel? channel, ChannelLife? life)
    {
        if (channel is not null && life is not null)
        {
            channel.End(life);
        }
    }

    private static string Quote(string part) => part.Length > 0 && !part.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? part : $"'{part.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
