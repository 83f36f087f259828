using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.EndToEnd;

/// <summary>
/// kill -9 of <c>panicpath run</c> after its child died, at random moments of what it does then: classify
/// the death, store it, bound the dumps, close the store and empty its log (the log is grown past the
/// automatic checkpoint's size before each run, so every close empties it). Whatever the moment, the next
/// run records what the killed one did not, each death is one row, the store stays whole, and nothing the
/// killed run left makes a later run or <c>reports</c> stumble.
/// </summary>
public sealed class StoreCloseKillTests(ITestOutputHelper output)
{
    private const int Kills = 12;
    private const string Mode = "panicpath-unhandled";

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task Kill_9_of_the_supervisor_while_it_stores_closes_and_empties_the_log_loses_no_death_stores_none_twice_and_leaves_the_store_whole()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var temp = new TempDirectory();
        var data = temp.Sub("data");
        var store = Path.Combine(data, DataDirectory.DatabaseFileName);

        // A run left alone makes the store and says how long a run lasts after its child's death.
        var (afterDeath, firstError) = await RunToDeath(temp, killAfter: null);
        Assert.DoesNotContain("STORE UNUSABLE", firstError, StringComparison.Ordinal);
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"seed {seed}; a run lasted {afterDeath.TotalMilliseconds:F0} ms after its child's death");

        for (var kill = 0; kill < Kills; kill++)
        {
            var grown = GrowLog(store);
            var delay = TimeSpan.FromMilliseconds(random.NextDouble() * Math.Max(afterDeath.TotalMilliseconds * 1.5, 50));
            var (_, error) = await RunToDeath(temp, delay);
            var log = new FileInfo(store + "-wal");
            output.WriteLine($"kill {kill} at {delay.TotalMilliseconds:F0} ms: log {grown} -> {(log.Exists ? log.Length : 0)} bytes");
            Assert.DoesNotContain("STORE UNUSABLE", error, StringComparison.Ordinal);
            Assert.DoesNotContain("not stored", error, StringComparison.Ordinal);
        }

        var (exit, _, last) = await CliRun.Run("run", "--data", data, "--dump-type", "1", "--", Crasher.Dotnet, Crasher.Dll, "exit0");
        Assert.True(exit == 0, last);
        Assert.DoesNotContain("STORE UNUSABLE", last, StringComparison.Ordinal);
        var (listExit, list, listError) = await CliRun.Run("reports", "list", "--data", data, "--json", "--limit", "1000");
        Assert.True(listExit == 0, listError);

        using var raw = new SqliteConnection($"Data Source={store};Mode=ReadOnly;Pooling=False");
        raw.Open();
        Assert.Equal("ok", Scalar(raw, "PRAGMA integrity_check") as string);
        Assert.Equal(Kills + 1L, Count(raw, "SELECT COUNT(*) FROM deaths WHERE cause = 'unhandled-exception'"));
        Assert.Equal(Kills + 1L, Count(raw, "SELECT COUNT(DISTINCT run_id) FROM deaths WHERE cause = 'unhandled-exception'"));
        Assert.Equal(0L, Count(raw, "SELECT COUNT(*) FROM deaths WHERE pending <> 0"));
        Assert.Equal(Count(raw, "SELECT COUNT(*) FROM deaths WHERE cause <> 'clean-exit'"), Count(raw, "SELECT SUM(count) FROM buckets"));
        Assert.Equal(Kills + 1, System.Text.Json.JsonDocument.Parse(list).RootElement.GetProperty("deaths").GetArrayLength());
        var left = Directory.GetDirectories(Path.Combine(data, "spool")).Where(d => !Path.GetFileName(d).StartsWith('.'))
            .Select(d => $"{Path.GetFileName(d)}: {string.Join(", ", Directory.GetFileSystemEntries(d).Select(Path.GetFileName))}").ToList();
        Assert.True(left.Count == 0, $"run directories left in the spool: {string.Join("; ", left)}");
    }

    /// <summary>
    /// Runs the crasher under <c>panicpath run</c> until its child has died, then lets the supervisor finish
    /// (<paramref name="killAfter"/> null) or SIGKILLs it that long after the death; answers how long the
    /// supervisor lived after the death, and its standard error.
    /// </summary>
    private static async Task<(TimeSpan AfterDeath, string Error)> RunToDeath(TempDirectory temp, TimeSpan? killAfter)
    {
        using var run = SupervisorProcess.Start(temp, ["--", Crasher.Dotnet, Crasher.Dll, Mode]);
        var child = run.Track(await run.NumberAfter($"crasher {Mode} pid"));
        var patience = Stopwatch.StartNew();
        while (SupervisorProcess.IsAlive(child))
        {
            Assert.True(patience.Elapsed < TimeSpan.FromMinutes(2), "the child did not die");
            Thread.Sleep(1);
        }

        var died = Stopwatch.StartNew();
        if (killAfter is { } delay)
        {
            while (died.Elapsed < delay)
            {
                Thread.Sleep(0);
            }

            // SIGKILL: nothing in the supervisor runs after it. It may have exited already.
            if (SupervisorProcess.IsAlive(run.Pid))
            {
                SupervisorProcess.Send(run.Pid, 9);
            }
        }

        await run.ExitCode();
        return (died.Elapsed, run.Error);
    }

    /// <summary>Writes past the automatic checkpoint's size into the store's log, and leaves it there (no checkpoint, at close either); answers the log's size.</summary>
    private static long GrowLog(string store)
    {
        using var raw = new SqliteConnection($"Data Source={store};Pooling=False");
        raw.Open();
        Assert.Equal(SQLitePCL.raw.SQLITE_OK, SQLitePCL.raw.sqlite3_db_config(raw.Handle, SQLitePCL.raw.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, out _));
        using var command = raw.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA wal_autocheckpoint = 0";
        command.ExecuteNonQuery();
        command.CommandText = "PRAGMA page_size";
        var checkpointSize = 1000L * Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        command.CommandText = $"CREATE TABLE growth (b BLOB); INSERT INTO growth VALUES (zeroblob({checkpointSize + 100_000})); DROP TABLE growth";
        command.ExecuteNonQuery();
        var size = new FileInfo(store + "-wal").Length;
        Assert.True(size >= checkpointSize, $"the log holds {size} bytes, less than the checkpoint's {checkpointSize}");
        return size;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static long Count(SqliteConnection connection, string sql) => Convert.ToInt64(Scalar(connection, sql), CultureInfo.InvariantCulture);
}
