using System.Globalization;
using PanicPath.Exit;
using PanicPath.Reports;
using PanicPath.Supervisor.Channel;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.LastWords;
using PanicPath.Supervisor.Files;
using PanicPath.Supervisor.Store;

namespace PanicPath.Supervisor.Runs;

/// <summary>
/// At supervisor start, records the reports earlier runs left in the spool root: every run spool
/// directory (<c>&lt;runId&gt;-&lt;attempt&gt;</c>) that no live supervisor holds (see
/// <see cref="RunSpool"/>) and that holds a report becomes one death — cause and title from the report
/// through <see cref="DeathClassifier"/>, the report's intended exit code (else the panic exit code),
/// times from the report — and then the directory is removed. The store keeps one death per run id and
/// attempt, so a supervisor killed between the two only re-adds the same death; removal renames the
/// directory to a tombstone first, swept at the next start. A directory whose
/// report does not parse is kept and named on the error writer. An empty one (nothing but <c>.owner</c>
/// and temporary files) is swept once the process its <c>.owner</c> names is gone, and left alone while
/// that process lives or when it names none (its child may still spool into it).
/// <para>
/// Only what is ours is touched: a spool root that is a symbolic link or another user's is refused as a
/// whole; an entry that is not a real directory of ours is skipped; removal deletes only the files
/// <see cref="RunSpool.IsOwnFile"/> recognises and keeps (and names) a directory holding anything else.
/// </para>
/// <para>
/// A directory whose slot (<see cref="RunSpool"/>) holds a death the store refused becomes that death
/// (its exit code, signal, tails and times as the supervisor saw them), joined with the report found
/// beside it; a report kept only in the slot counts like a spooled one. A store that refuses a write
/// while ingesting is named on the error writer and ingest stops there: what is left stays for a later
/// try, and the supervisor starts its child anyway.
/// </para>
/// </summary>
public static class SpoolIngest
{
    /// <summary>The command recorded for an ingested death (the run that started it is gone).</summary>
    public const string UnknownCommand = "(unknown: report ingested from the spool)";

    private const string TombstoneSuffix = RunSpool.TombstoneSuffix;
    private const string StagingSuffix = ".new";


    /// <summary>Ingests every leftover report under <paramref name="spoolRoot"/>; answers how many deaths it recorded.</summary>
    public static async Task<int> IngestAsync(string spoolRoot, IDeathStore store, TextWriter error, CancellationToken cancellationToken = default) =>
        (await TryIngestAsync(spoolRoot, store, error, cancellationToken).ConfigureAwait(false)).Recorded;

    /// <summary>
    /// Ingests every leftover under <paramref name="spoolRoot"/>; answers how many deaths it recorded and
    /// whether it stopped because the store refused a write (then what is left waits for a later try).
    /// </summary>
    internal static async Task<(int Recorded, bool StoreFailed)> TryIngestAsync(string spoolRoot, IDeathStore store, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(error);
        if (PrivateDirectory.Problem(spoolRoot) is { } unusable)
        {
            if (unusable != "does not exist")
            {
                await error.WriteLineAsync($"panicpath: spool {spoolRoot} {unusable}; nothing in it is ingested or removed").ConfigureAwait(false);
            }

            return (0, false);
        }

        await SweepAsync(spoolRoot, error).ConfigureAwait(false);
        var recorded = 0;
        var storeFailed = false;
        foreach (var directory in Directory.EnumerateFileSystemEntries(spoolRoot).Order(StringComparer.Ordinal).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!TryParseName(Path.GetFileName(directory), out var runId, out var attempt))
            {
                continue;
            }

            if (PrivateDirectory.Problem(directory) is { } problem)
            {
                await error.WriteLineAsync($"panicpath: spool entry {directory} {problem}; left alone").ConfigureAwait(false);
                continue;
            }

            using var owner = RunSpool.TryClaimLeftover(directory);
            if (owner is null)
            {
                continue;
            }

            var (kept, keptProblem) = RunSpool.ReadKeptDeath(directory);
            var (report, _, unread) = RunSpool.ReadReport(directory);
            foreach (var note in (string?[])[keptProblem, unread])
            {
                if (note is not null)
                {
                    await error.WriteLineAsync($"panicpath: spooled report not ingested: {note}").ConfigureAwait(false);
                }
            }

            var death = kept is not null
                ? DeathException.Fill(kept with { RunId = runId, Attempt = attempt, Report = report })
                : report is not null ? Death(runId, attempt, report, directory) : null;
            if (death is null)
            {
                if (unread is null && keptProblem is null && IsAbandoned(directory, owner))
                {
                    owner.Dispose();
                    await NoteLeftAsync(directory, PrivateDirectory.RemoveRecognised(directory, RunSpool.IsOwnFile), error).ConfigureAwait(false);
                }

                continue;
            }

            try
            {
                await store.AddAsync(death, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await error.WriteLineAsync($"panicpath: store write failed while ingesting {directory} ({e.GetType().Name}: {e.Message}); it stays for a later try").ConfigureAwait(false);
                storeFailed = true;
                break;
            }

            recorded++;
            owner.Dispose();
            if ((unread ?? keptProblem) is { } unreadable)
            {
                // Recorded from what could be read; what could not stays where it is, named, as a run spool
                // whose report does not parse does (RunSpool.Remove).
                await error.WriteLineAsync($"panicpath: {directory} is kept although its death is recorded: {unreadable}").ConfigureAwait(false);
                continue;
            }

            await RemoveRecordedAsync(directory, error).ConfigureAwait(false);
        }

        if (recorded > 0)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"panicpath: ingested {recorded} spooled report(s) left by earlier runs")).ConfigureAwait(false);
        }

        return (recorded, storeFailed);
    }

    /// <summary>
    /// True when a claimed directory holds nothing but <c>.owner</c>, an empty slot and temporary files, and the process
    /// its <c>.owner</c> names is gone (Linux: no <c>/proc/&lt;pid&gt;</c>, or only a zombie's: killed with
    /// its supervisor, an orphan waits there until a reaper that may never come collects it).
    /// </summary>
    private static bool IsAbandoned(string directory, FileStream owner)
    {
        if (!OperatingSystem.IsLinux() || RunSpool.RecordedPid(owner) is not { } pid || ProcessTree.IsRunning(pid))
        {
            return false;
        }

        return Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).All(name => name is RunSpool.OwnerFileName or SlotFile.FileName || SpoolFile.IsTemporaryName(name!));
    }

    /// <summary>
    /// Removes a recorded directory: first renamed (atomically) to a tombstone, then its own files deleted
    /// and the directory with them, so a kill part way through never leaves a half-emptied run directory
    /// behind. A directory holding anything PanicPath did not write is kept where it is, and named.
    /// </summary>
    private static async Task RemoveRecordedAsync(string directory, TextWriter error)
    {
        var foreign = Directory.EnumerateFileSystemEntries(directory).Select(e => Path.GetFileName(e)).Where(n => !RunSpool.IsOwnFile(n)).Order(StringComparer.Ordinal).ToList();
        if (foreign.Count > 0)
        {
            await NoteLeftAsync(directory, foreign, error).ConfigureAwait(false);
            return;
        }

        try
        {
            var (where, left) = RunSpool.Entomb(directory);
            await NoteLeftAsync(where, left, error).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"panicpath: recorded spool directory {directory} not removed: {e.Message}").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Deletes the tombstones a supervisor killed while removing left, and the staging directories
    /// (<c>.&lt;name&gt;.&lt;pid&gt;.new</c>) one killed while creating left, when no live supervisor holds
    /// them. A staging directory whose creator (the pid in its name) still runs is left to it: a live
    /// <see cref="RunSpool.Create"/> makes the directory before it writes and locks its <c>.owner</c>, and a
    /// sweep running meanwhile (ingest runs while the child starts; another supervisor may start
    /// alongside) would otherwise take it from under its creator.
    /// </summary>
    private static async Task SweepAsync(string spoolRoot, TextWriter error)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(spoolRoot, ".*").Order(StringComparer.Ordinal).ToList())
        {
            var name = Path.GetFileName(entry);
            if (name.EndsWith(TombstoneSuffix, StringComparison.Ordinal) && PrivateDirectory.Problem(entry) is null)
            {
                await NoteLeftAsync(entry, PrivateDirectory.RemoveRecognised(entry, RunSpool.IsOwnFile), error).ConfigureAwait(false);
            }
            else if (name.EndsWith(StagingSuffix, StringComparison.Ordinal) && PrivateDirectory.Problem(entry) is null
                && !(RunSpool.StagingCreator(name) is { } creator && ProcessTree.IsRunning(creator)))
            {
                var owner = RunSpool.TryClaimLeftover(entry);
                if (owner is not null)
                {
                    owner.Dispose();
                    await NoteLeftAsync(entry, PrivateDirectory.RemoveRecognised(entry, RunSpool.IsOwnFile), error).ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task NoteLeftAsync(string directory, IReadOnlyList<string> left, TextWriter error)
    {
        if (left.Count > 0)
        {
            await error.WriteLineAsync($"panicpath: spool directory {directory} kept: it holds {string.Join(", ", left)}, which panicpath did not write").ConfigureAwait(false);
        }
    }

    /// <summary>Splits a run spool directory's name into its run id and attempt.</summary>
    internal static bool TryParseName(string name, out string runId, out int attempt)
    {
        runId = string.Empty;
        attempt = 0;
        var dash = name.LastIndexOf('-');
        if (name.StartsWith('.') || dash <= 0 || !int.TryParse(name.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out attempt))
        {
            return false;
        }

        runId = name[..dash];
        return true;
    }

    /// <summary>
    /// The death <paramref name="report"/> alone tells of, for run <paramref name="runId"/> and
    /// <paramref name="attempt"/>: cause and title through <see cref="DeathClassifier"/>, the report's
    /// intended exit code (else the panic exit code), times from the report (the end, when the report has
    /// no time, <paramref name="directory"/>'s last write).
    /// </summary>
    internal static DeathRecord Death(string runId, int attempt, CrashReport report, string directory)
    {
        var exitCode = report.ExitCode is > 0 and <= 255 ? report.ExitCode : PanicExitCodes.Panic;
        var verdict = DeathClassifier.Classify(new DeathEvidence(exitCode, report, null, string.Empty));
        var ended = DateTimeOffset.TryParse(report.Timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : new DateTimeOffset(Directory.GetLastWriteTimeUtc(directory), TimeSpan.Zero);
        var uptime = double.IsFinite(report.UptimeMs) && report.UptimeMs is >= 0 and < 1e12 ? TimeSpan.FromMilliseconds(report.UptimeMs) : TimeSpan.Zero;
        return DeathException.Fill(new DeathRecord
        {
            RunId = runId,
            Attempt = attempt,
            Command = UnknownCommand,
            Host = Environment.MachineName,
            Pid = report.Pid,
            Cause = verdict.Cause,
            ExitCode = exitCode,
            Signal = verdict.Signal,
            Report = report,
            Signature = verdict.Signature,
            Title = verdict.Title,
            StartedAt = ended - uptime,
            EndedAt = ended,
        });
    }
}
