using System.Diagnostics;
using Microsoft.Data.Sqlite;
using PanicPath.Reports;
using PanicPath.Supervisor.Store;

namespace PanicPath.Benchmarks.Peers;

/// <summary>
/// Watches a <c>panicpath run</c> data directory from outside, by polling every millisecond on its own
/// thread: the first report file (<see cref="SpoolFile.IsReportName"/>: the library's spooled report, or
/// the one the supervisor stored from the channel, short or long form) in any run directory under
/// <c>spool/</c>, and the first death row with an id above the one the run started with, read from the
/// SQLite store over a read-only connection (<c>SELECT MAX(id) FROM deaths</c>, so a pending row counts
/// as soon as it is committed), and that row completed (<c>pending = 0</c>: after the exit, with exit
/// status, dump and crash report). Each moment is the <see cref="Stopwatch"/> timestamp right after the poll
/// that first saw it: at most one poll interval (about 1 ms) late. The store is created (and migrated) at
/// <see cref="Open"/> and held open until <see cref="Dispose"/>, so that its WAL files stay in place for
/// the read-only connection between runs.
/// </summary>
internal sealed class DeathWatch : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(1);

    private readonly string spool;
    private readonly SqliteDeathStore store;
    private readonly SqliteConnection reader;

    private DeathWatch(string dataDirectory, SqliteDeathStore store, SqliteConnection reader)
    {
        spool = Path.Combine(dataDirectory, "spool");
        this.store = store;
        this.reader = reader;
    }

    /// <summary>Opens (creating if needed) the store of <paramref name="dataDirectory"/> and a read-only connection to it.</summary>
    public static DeathWatch Open(string dataDirectory)
    {
        var store = SqliteDeathStore.Open(dataDirectory);
        var path = Path.Combine(dataDirectory, DataDirectory.DatabaseFileName);
        var reader = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        reader.Open();
        return new DeathWatch(dataDirectory, store, reader);
    }

    /// <summary>The highest death id stored so far (0 when none).</summary>
    public long LastDeathId()
    {
        using var command = reader.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(id), 0) FROM deaths";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>True when a death row above <paramref name="afterId"/> is complete.</summary>
    public bool Completed(long afterId)
    {
        using var command = reader.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM deaths WHERE id > $after AND pending = 0";
        command.Parameters.AddWithValue("$after", afterId);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>
    /// Polls until a report file, a death row above <paramref name="afterId"/> and its completion were seen, or
    /// <paramref name="exited"/> completed (then polls once more), or <paramref name="timeout"/> passed.
    /// </summary>
    public Task<DeathSeen> WatchAsync(long afterId, Task exited, TimeSpan timeout) => Task.Factory.StartNew(
        () =>
        {
            long? report = null;
            long? row = null;
            long? completed = null;
            var started = Stopwatch.GetTimestamp();
            while (true)
            {
                var last = exited.IsCompleted;
                if (report is null && AnyReport())
                {
                    report = Stopwatch.GetTimestamp();
                }

                if (row is null && LastDeathId() > afterId)
                {
                    row = Stopwatch.GetTimestamp();
                }

                if (row is not null && completed is null && Completed(afterId))
                {
                    completed = Stopwatch.GetTimestamp();
                }

                if ((report is not null && completed is not null) || last || Stopwatch.GetElapsedTime(started) > timeout)
                {
                    return new DeathSeen(report, row, completed);
                }

                Thread.Sleep(Interval);
            }
        },
        CancellationToken.None,
        TaskCreationOptions.LongRunning,
        TaskScheduler.Default);

    private bool AnyReport()
    {
        try
        {
            foreach (var run in Directory.EnumerateDirectories(spool))
            {
                foreach (var file in Directory.EnumerateFiles(run))
                {
                    if (SpoolFile.IsReportName(Path.GetFileName(file)))
                    {
                        return true;
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A run directory removed while it was listed: nothing in it now.
        }

        return false;
    }

    public void Dispose()
    {
        reader.Dispose();
        store.Dispose();
    }
}

/// <summary>The <see cref="Stopwatch"/> timestamps at which a run's first report file, its death row and that row's completion were first seen, when they were.</summary>
internal readonly record struct DeathSeen(long? ReportSafe, long? RowStored, long? RowCompleted);
