using PanicPath.Reports;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Restart;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.EndToEnd;

/// <summary>
/// Deaths on a full disk: the data directory is a 1 MiB tmpfs, filled while the child lives; the
/// child's report and the supervisor's record of the death are kept in the slot reserved before the
/// child started, and become one row each once space is back.
/// </summary>
public sealed class FullDiskTests
{
    private const string Why = "a death on a full disk needs a small tmpfs as the data directory";

    [Fact]
    public async Task A_panic_on_a_full_disk_is_kept_in_the_reserved_slot_and_becomes_one_row_at_the_next_start()
    {
        using var temp = new TempDirectory();
        using var disk = SmallDisk.Mount(temp.Sub("data"), Why);
        var error = new StringWriter();
        using var store = SqliteDeathStore.Open(disk.Path);
        var options = Options(temp, disk, "panicpath-unhandled", store, TextWriter.Synchronized(error));

        var run = Task.Run(() => new ProcessSupervisor(options).RunAsync());
        await Poll.Until(() => LiveSlot(disk) is not null, "the child's slot");
        disk.Fill();
        File.WriteAllText(temp.Sub("go"), string.Empty);
        var death = Assert.Single((await run).Deaths);

        Assert.Equal(0, death.Id);
        Assert.Equal("System.InvalidOperationException", death.Report?.Exception?.Type);
        Assert.Contains("panic: spool write failed (", death.StderrTail, StringComparison.Ordinal);
        Assert.Contains("in the reserved slot ", death.StderrTail, StringComparison.Ordinal);
        Assert.DoesNotContain("no transport", death.StderrTail, StringComparison.Ordinal);
        Assert.Contains("panicpath: the child's report was kept in ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("panicpath: store write failed, death not stored (", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("the death is kept in ", error.ToString(), StringComparison.Ordinal);

        disk.Free();
        Assert.Equal(1, await SpoolIngest.IngestAsync(Path.Combine(disk.Path, "spool"), store, TextWriter.Null));
        Assert.Equal(0, await SpoolIngest.IngestAsync(Path.Combine(disk.Path, "spool"), store, TextWriter.Null));
        var row = Assert.Single(await store.ListAsync(10));
        Assert.Equal((death.RunId, death.Attempt, death.ExitCode, death.Cause, death.Signature), (row.RunId, row.Attempt, row.ExitCode, row.Cause, row.Signature));
        Assert.Equal(death.Command, row.Command);
        Assert.Equal("System.InvalidOperationException", row.Report?.Exception?.Type);
        Assert.EndsWith(row.StderrTail.TrimStart('…'), death.StderrTail, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(Path.Combine(disk.Path, "spool")));
    }

    [Fact]
    public async Task A_report_the_channel_cannot_write_to_a_full_disk_is_kept_in_the_slot_and_acknowledged()
    {
        using var temp = new TempDirectory();
        using var disk = SmallDisk.Mount(temp.Sub("data"), Why);
        var error = new StringWriter();
        using var store = SqliteDeathStore.Open(disk.Path);
        var options = Options(temp, disk, "panicpath-unhandled", store, TextWriter.Synchronized(error)) with { ChannelDirectory = temp.Sub("channel") };

        var run = Task.Run(() => new ProcessSupervisor(options).RunAsync());
        await Poll.Until(() => LiveSlot(disk) is not null, "the child's slot");
        disk.Fill();
        File.WriteAllText(temp.Sub("go"), string.Empty);
        var death = Assert.Single((await run).Deaths);

        Assert.Equal("System.InvalidOperationException", death.Report?.Exception?.Type);
        Assert.Contains("panic: report delivered to the supervisor over the channel", death.StderrTail, StringComparison.Ordinal);
        Assert.Contains("; inbox write failed (", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("the report is kept in ", error.ToString(), StringComparison.Ordinal);

        disk.Free();
        Assert.Equal(1, await SpoolIngest.IngestAsync(Path.Combine(disk.Path, "spool"), store, TextWriter.Null));
        var row = Assert.Single(await store.ListAsync(10));
        Assert.Equal((death.RunId, death.ExitCode), (row.RunId, row.ExitCode));
        Assert.Equal("System.InvalidOperationException", row.Report?.Exception?.Type);
    }

    [Fact]
    public async Task A_death_kept_in_its_slot_is_recorded_at_the_next_death_of_the_same_run_once()
    {
        using var temp = new TempDirectory();
        using var disk = SmallDisk.Mount(temp.Sub("data"), Why);
        var error = new StringWriter();
        using var store = SqliteDeathStore.Open(disk.Path);
        var options = Options(temp, disk, "exit3", store, TextWriter.Synchronized(error)) with
        {
            Restart = new RestartSchedule(RestartPolicy.OnFailure, 1, TimeSpan.Zero, TimeSpan.Zero),
        };

        var run = Task.Run(() => new ProcessSupervisor(options).RunAsync());
        await Poll.Until(() => LiveSlot(disk) is not null, "the first child's slot");
        var first = LiveSlot(disk)!;
        disk.Fill();
        File.WriteAllText(temp.Sub("go"), string.Empty);
        await Poll.Until(() => ReservedSlot.Read(first, SlotRecord.Death).Payload is not null, "the first death kept in its slot");
        disk.Free();
        File.WriteAllText(temp.Sub("go"), string.Empty);
        var result = await run;

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(2, result.Deaths.Count);
        Assert.All(result.Deaths, d => Assert.NotEqual(0, d.Id));
        Assert.Contains("panicpath: the death of attempt 0 kept in the slot is now recorded as death ", error.ToString(), StringComparison.Ordinal);
        var rows = await store.ListAsync(10);
        Assert.Equal([0, 1], rows.Select(r => r.Attempt).Order().ToArray());
        Assert.All(rows, r => Assert.Equal(3, r.ExitCode));
        Assert.Equal(2, Assert.Single(await store.BucketsAsync()).Count);
        Assert.Empty(Directory.GetDirectories(Path.Combine(disk.Path, "spool")));
        Assert.Equal(0, await SpoolIngest.IngestAsync(Path.Combine(disk.Path, "spool"), store, TextWriter.Null));
    }

    [Fact]
    public async Task A_child_started_on_a_full_disk_runs_without_a_slot_and_the_run_says_so()
    {
        using var temp = new TempDirectory();
        using var disk = SmallDisk.Mount(temp.Sub("data"), Why);
        var error = new StringWriter();
        Directory.CreateDirectory(Path.Combine(disk.Path, "spool"));
        disk.Fill();
        var options = Options(temp, disk, "exit3", store: null, error) with { Environment = new Dictionary<string, string?>() };

        var result = await new ProcessSupervisor(options).RunAsync();

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("panicpath: no slot reserved for this child (", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("it runs anyway", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_panic_that_nothing_can_keep_names_the_failed_spool_write_and_never_calls_a_set_variable_unset()
    {
        using var temp = new TempDirectory();
        using var disk = SmallDisk.Mount(temp.Sub("data"), Why);
        Directory.CreateDirectory(Path.Combine(disk.Path, "spool"));
        disk.Fill();
        var options = Options(temp, disk, "panicpath-unhandled", store: null, TextWriter.Null) with { Environment = new Dictionary<string, string?>() };

        var death = Assert.Single((await new ProcessSupervisor(options).RunAsync()).Deaths);

        Assert.Contains("panic: report not delivered: spool write failed (", death.StderrTail, StringComparison.Ordinal);
        Assert.Contains("No space left on device", death.StderrTail, StringComparison.Ordinal);
        Assert.DoesNotContain("no transport", death.StderrTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_log_that_cannot_be_emptied_at_close_on_a_full_disk_costs_nothing_and_is_emptied_at_a_later_close()
    {
        using var temp = new TempDirectory();
        using var disk = SmallDisk.Mount(temp.Sub("data"), Why, "16m");
        var database = Path.Combine(disk.Path, DataDirectory.DatabaseFileName);
        var error = new StringWriter();
        var store = SqliteDeathStore.Open(disk.Path);
        DeathRecord death;
        try
        {
            var checkpointSize = GrowLog(database);
            var run = Task.Run(() => new ProcessSupervisor(Options(temp, disk, "exit3", store, TextWriter.Synchronized(error))).RunAsync());
            await Poll.Until(() => LiveSlot(disk) is not null, "the child's slot");
            disk.Fill();
            File.WriteAllText(temp.Sub("go"), string.Empty);
            death = Assert.Single((await run).Deaths);

            Assert.Equal(0, death.Id);
            Assert.Contains("panicpath: store write failed, death not stored (", error.ToString(), StringComparison.Ordinal);

            // Closing copies the log into the database, which has no room to grow: the log stays, nothing throws.
            store.Dispose();
            Assert.True(new FileInfo(database + "-wal").Length >= checkpointSize, "the log was emptied on a full disk");
        }
        finally
        {
            store.Dispose();
        }

        disk.Free();
        using (var reopened = SqliteDeathStore.Open(disk.Path))
        {
            Assert.Equal(1, await SpoolIngest.IngestAsync(Path.Combine(disk.Path, "spool"), reopened, TextWriter.Null));
            var row = Assert.Single(await reopened.ListAsync(10));
            Assert.Equal((death.RunId, death.Attempt, 3), (row.RunId, row.Attempt, row.ExitCode));
        }

        Assert.Equal(0, new FileInfo(database + "-wal").Length);
        using var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        raw.Open();
        using var check = raw.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", check.ExecuteScalar() as string);
    }

    /// <summary>
    /// Writes past the automatic checkpoint's size into the store's log and leaves it there, as a
    /// database whose pages that log holds (no checkpoint, at close either); answers the checkpoint's size.
    /// </summary>
    private static long GrowLog(string database)
    {
        using var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False");
        raw.Open();
        Assert.Equal(SQLitePCL.raw.SQLITE_OK, SQLitePCL.raw.sqlite3_db_config(raw.Handle, SQLitePCL.raw.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, out _));
        using var command = raw.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint = 0";
        command.ExecuteNonQuery();
        command.CommandText = "PRAGMA page_size";
        var checkpointSize = 1000L * Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        command.CommandText = $"CREATE TABLE growth (b BLOB); INSERT INTO growth VALUES (zeroblob({checkpointSize + 100_000})); DROP TABLE growth";
        command.ExecuteNonQuery();
        return checkpointSize;
    }

    private static SupervisorOptions Options(TempDirectory temp, SmallDisk disk, string mode, IDeathStore? store, TextWriter error) =>
        Crasher.Options(temp, mode, store: store, error: error) with
        {
            SpoolRoot = Path.Combine(disk.Path, "spool"),
            Environment = new Dictionary<string, string?> { ["CRASHER_TRIGGER"] = temp.Sub("go") },
        };

    /// <summary>The slot of the run directory a live child has (not a staging directory), or null.</summary>
    private static string? LiveSlot(SmallDisk disk)
    {
        var spool = Path.Combine(disk.Path, "spool");
        return Directory.Exists(spool)
            ? Directory.GetDirectories(spool).Where(d => !Path.GetFileName(d).StartsWith('.')).Select(d => Path.Combine(d, SlotFile.FileName)).FirstOrDefault(File.Exists)
            : null;
    }
}
