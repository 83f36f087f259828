using System.Globalization;
using Microsoft.Data.Sqlite;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.EndToEnd;

/// <summary>
/// Two <c>panicpath run</c> on one data directory, one storing a death while the other opens the store and
/// rehearses a death in a transaction it rolls back (<see cref="ReportPathWarmUp"/>), all of it queued
/// behind a third writer that holds the store's write lock for a moment: each waits its turn, no rehearsed
/// row is left, no id is taken by a rehearsal, and every death is one row.
/// </summary>
public sealed class ConcurrentWarmUpTests
{
    private const string Dying = "panicpath-unhandled";
    private const string Waiting = "panicpath-unhandled-on-go";

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task A_death_stored_while_another_run_rehearses_behind_a_busy_writer_is_one_row_and_no_rehearsal_leaves_a_row_or_takes_an_id()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var temp = new TempDirectory();
        var data = temp.Sub("data");
        var store = Path.Combine(data, DataDirectory.DatabaseFileName);
        var (firstExit, _, firstError) = await CliRun.Run("run", "--data", data, "--dump-type", "1", "--", Crasher.Dotnet, Crasher.Dll, "exit3");
        Assert.True(firstExit == 3, firstError);
        var go = temp.Sub("go");

        using var writer = new SqliteConnection($"Data Source={store};Pooling=False");
        writer.Open();
        using var hold = writer.BeginTransaction(deferred: false);
        using var dying = SupervisorProcess.Start(temp, ["--", Crasher.Dotnet, Crasher.Dll, Dying]);
        using var waiting = SupervisorProcess.Start(temp, ["--", Crasher.Dotnet, Crasher.Dll, Waiting], new Dictionary<string, string?> { ["CRASHER_GO_FILE"] = go });
        var child = dying.Track(await dying.NumberAfter($"crasher {Dying} pid"));
        waiting.Track(await waiting.NumberAfter($"crasher {Waiting} pid"));
        Assert.True(await SupervisorProcess.Eventually(() => !SupervisorProcess.IsAlive(child)), "the dying child did not die");

        // Both supervisors now wait for the lock: one to store its death, the other to open the store and rehearse.
        hold.Rollback();
        writer.Close();

        Assert.Equal(134, await dying.ExitCode());
        await File.WriteAllTextAsync(go, "go");
        Assert.Equal(134, await waiting.ExitCode());
        foreach (var said in new[] { dying.Error, waiting.Error })
        {
            Assert.DoesNotContain("not stored", said, StringComparison.Ordinal);
            Assert.DoesNotContain("locked", said, StringComparison.Ordinal);
            Assert.DoesNotContain("UNUSABLE", said, StringComparison.Ordinal);
        }

        using var raw = new SqliteConnection($"Data Source={store};Mode=ReadOnly;Pooling=False");
        raw.Open();
        Assert.Equal("ok", Scalar(raw, "PRAGMA integrity_check") as string);
        Assert.Equal(0L, Count(raw, $"SELECT COUNT(*) FROM deaths WHERE run_id = '{ReportPathWarmUp.RunId}'"));
        Assert.Equal(2L, Count(raw, "SELECT COUNT(*) FROM deaths WHERE cause = 'unhandled-exception' AND pending = 0"));
        Assert.Equal(3L, Count(raw, "SELECT COUNT(*) FROM deaths"));
        Assert.Equal(3L, Count(raw, "SELECT SUM(count) FROM buckets"));

        // Ids: a death stored pending takes one more when it is completed in place (SQLite counts the upsert's
        // would-be id), so a death with a report may be followed by a gap of one; a rehearsal would make more.
        var rows = new List<(long Id, bool Reported)>();
        using (var read = raw.CreateCommand())
        {
            read.CommandText = "SELECT id, report IS NOT NULL FROM deaths ORDER BY id";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetInt64(0), reader.GetInt64(1) != 0));
            }
        }

        var next = Count(raw, "SELECT seq FROM sqlite_sequence WHERE name = 'deaths'") + 1;
        for (var i = 0; i < rows.Count; i++)
        {
            var following = i + 1 < rows.Count ? rows[i + 1].Id : next;
            Assert.InRange(following - rows[i].Id, 1, rows[i].Reported ? 2 : 1);
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static long Count(SqliteConnection connection, string sql) => Convert.ToInt64(Scalar(connection, sql), CultureInfo.InvariantCulture);
}
