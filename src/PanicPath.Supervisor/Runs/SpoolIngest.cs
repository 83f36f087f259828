using System.Globalization;
using PanicPath.Exit;
using PanicPath.Reports;
using PanicPath.Supervisor.Deaths;
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
/// report does not parse is kept and named on the error writer; an empty one is left alone (its child
/// may still be alive and spool into it later).
/// </summary>
public static class SpoolIngest
{
    /// <summary>The command recorded for an ingested death (the run that started it is gone).</summary>
    public const string UnknownCommand = "(unknown: report ingested from the spool)";

    private const string TombstoneSuffix = ".recorded";

    /// <summary>Ingests every leftover report under <paramref name="spoolRoot"/>; answers how many deaths it recorded.</summary>
    public static async Task<int> IngestAsync(string spoolRoot, IDeathStore store, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(error);
        if (!Directory.Exists(spoolRoot))
        {
            return 0;
        }

        SweepTombstones(spoolRoot);
        var recorded = 0;
        foreach (var directory in Directory.GetDirectories(spoolRoot).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!TryParseName(Path.GetFileName(directory), out var runId, out var attempt))
            {
                continue;
            }

            using var owner = RunSpool.TryClaimLeftover(directory);
            if (owner is null)
            {
                continue;
            }

            var (report, problem) = ReadReport(directory);
            if (problem is not null)
            {
                await error.WriteLineAsync($"panicpath: spooled report not ingested: {problem}").ConfigureAwait(false);
            }

            if (report is null)
            {
                continue;
            }

            await store.AddAsync(Death(runId, attempt, report, directory), cancellationToken).ConfigureAwait(false);
            recorded++;
            owner.Dispose();
            RemoveRecorded(directory);
        }

        if (recorded > 0)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"panicpath: ingested {recorded} spooled report(s) left by earlier runs")).ConfigureAwait(false);
        }

        return recorded;
    }

    /// <summary>
    /// Removes a recorded directory: first renamed (atomically) to a tombstone, then deleted, so a kill
    /// part way through a recursive delete never leaves a half-emptied run directory behind.
    /// </summary>
    private static void RemoveRecorded(string directory)
    {
        var tombstone = Path.Combine(Path.GetDirectoryName(directory)!, "." + Path.GetFileName(directory) + TombstoneSuffix);
        if (Directory.Exists(tombstone))
        {
            Directory.Delete(tombstone, recursive: true);
        }

        Directory.Move(directory, tombstone);
        Directory.Delete(tombstone, recursive: true);
    }

    /// <summary>Deletes the tombstones a supervisor killed while removing left.</summary>
    private static void SweepTombstones(string spoolRoot)
    {
        foreach (var tombstone in Directory.GetDirectories(spoolRoot, "." + "*" + TombstoneSuffix))
        {
            Directory.Delete(tombstone, recursive: true);
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

    private static (CrashReport? Report, string? Problem) ReadReport(string directory)
    {
        string? problem = null;
        foreach (var file in Directory.GetFiles(directory, "*.json").Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal))
        {
            try
            {
                return (CrashReport.Parse(File.ReadAllBytes(file)), null);
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                problem = $"{file}: {e.Message}";
            }
        }

        return (null, problem);
    }

    private static DeathRecord Death(string runId, int attempt, CrashReport report, string directory)
    {
        var exitCode = report.ExitCode is > 0 and <= 255 ? report.ExitCode : PanicExitCodes.Panic;
        var verdict = DeathClassifier.Classify(new DeathEvidence(exitCode, report, null, string.Empty));
        var ended = DateTimeOffset.TryParse(report.Timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : new DateTimeOffset(Directory.GetLastWriteTimeUtc(directory), TimeSpan.Zero);
        var uptime = double.IsFinite(report.UptimeMs) && report.UptimeMs is >= 0 and < 1e12 ? TimeSpan.FromMilliseconds(report.UptimeMs) : TimeSpan.Zero;
        return new DeathRecord
        {
            RunId = runId,
            Attempt = attempt,
            Command = UnknownCommand,
            Pid = report.Pid,
            Cause = verdict.Cause,
            ExitCode = exitCode,
            Signal = verdict.Signal,
            Report = report,
            Signature = verdict.Signature,
            Title = verdict.Title,
            StartedAt = ended - uptime,
            EndedAt = ended,
        };
    }
}
