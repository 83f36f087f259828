using System.Text.Json;
using Npgsql;
using PanicPath.Cli;
using PanicPath.Reports;
using PanicPath.Supervisor.Restart;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Cli;

/// <summary>
/// A store that cannot be used never stops the command: <c>run</c> says so loudly, starts the command,
/// mirrors its exit code and keeps the death for a later start; <c>reports</c> still fail naming the
/// store, and read a store on a full disk.
/// </summary>
public sealed class UnusableStoreTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const string Secret = "s3cret-pa55word";

    [Fact]
    public async Task Run_with_a_corrupt_store_starts_the_command_says_so_loudly_mirrors_its_exit_code_and_a_later_start_records_the_death()
    {
        using var temp = new TempDirectory();
        var database = Path.Combine(Directory.CreateDirectory(temp.Sub("data")).FullName, DataDirectory.DatabaseFileName);
        File.WriteAllText(database, string.Concat(Enumerable.Repeat("this is not a database. ", 400)));

        var (exit, output, error) = await CliRun.RunCrasher(temp, "exit3");

        Assert.Equal(3, exit);
        Assert.Contains("crasher exit3 pid", output, StringComparison.Ordinal);
        var loud = Assert.Single(error.Split('\n'), l => l.StartsWith("panicpath: STORE UNUSABLE: ", StringComparison.Ordinal));
        Assert.Contains(database, loud, StringComparison.Ordinal);
        Assert.Contains("the death is kept in ", error, StringComparison.Ordinal);

        var (listExit, _, listError) = await CliRun.Run("reports", "list", "--data", temp.Sub("data"));
        Assert.Equal(ExitCodes.BadInput, listExit);
        Assert.Contains(database, listError, StringComparison.Ordinal);

        File.Delete(database);
        var (again, _, _) = await CliRun.RunCrasher(temp, "exit0");
        var (_, json, _) = await CliRun.Run("reports", "list", "--all", "--data", temp.Sub("data"), "--json");
        Assert.Equal(0, again);
        var codes = JsonDocument.Parse(json).RootElement.GetProperty("deaths").EnumerateArray().Select(r => r.GetProperty("exitCode").GetInt32()).Order().ToArray();
        Assert.Equal([0, 3], codes);
    }

    [Fact]
    public async Task Run_with_an_unreachable_postgres_server_starts_the_command_and_a_start_with_the_server_back_records_the_death()
    {
        using var temp = new TempDirectory();
        var postgres = database.NewSchema();

        var (exit, output, error) = await CliRun.RunCrasher(temp, "exit3", "--postgres", RefusedPort.ConnectionString(Secret));

        Assert.Equal(3, exit);
        Assert.Contains("crasher exit3 pid", output, StringComparison.Ordinal);
        Assert.Contains("panicpath: STORE UNUSABLE: --postgres: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error, StringComparison.Ordinal);

        var (again, _, _) = await CliRun.RunCrasher(temp, "exit0", "--postgres", postgres);
        var (_, json, _) = await CliRun.Run("reports", "list", "--all", "--postgres", postgres, "--json");
        Assert.Equal(0, again);
        var codes = JsonDocument.Parse(json).RootElement.GetProperty("deaths").EnumerateArray().Select(r => r.GetProperty("exitCode").GetInt32()).Order().ToArray();
        Assert.Equal([0, 3], codes);
    }

    [Fact]
    public async Task A_death_while_postgres_is_unreachable_is_kept_and_recorded_at_the_next_death_once_it_is_back()
    {
        using var temp = new TempDirectory();
        var target = new NpgsqlConnectionStringBuilder(database.NewSchema());
        using var relay = TcpRelay.To(target.Host!, target.Port);
        var relayed = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Host = "127.0.0.1", Port = relay.Port, Timeout = 5 }.ConnectionString;
        using var store = PostgresDeathStore.Open(relayed);
        var error = new StringWriter();
        var options = Crasher.Options(temp, "exit3", new RestartSchedule(RestartPolicy.OnFailure, 1, TimeSpan.Zero, TimeSpan.Zero), store, error: TextWriter.Synchronized(error)) with
        {
            Environment = new Dictionary<string, string?> { ["CRASHER_TRIGGER"] = temp.Sub("go") },
        };

        relay.Down();
        var run = Task.Run(() => new ProcessSupervisor(options).RunAsync());
        await Poll.Until(() => Slot(temp.Sub("spool")) is not null, "the first child's slot");
        var first = Slot(temp.Sub("spool"))!;
        File.WriteAllText(temp.Sub("go"), string.Empty);
        await Poll.Until(() => ReservedSlot.Read(first, SlotRecord.Death).Payload is not null, "the first death kept in its slot");
        relay.Up();
        File.WriteAllText(temp.Sub("go"), string.Empty);
        var result = await run;

        Assert.Equal(2, result.Deaths.Count);
        Assert.All(result.Deaths, d => Assert.NotEqual(0, d.Id));
        Assert.Contains("panicpath: store write failed, death not stored (", error.ToString(), StringComparison.Ordinal);
        var rows = await store.ListAsync(10);
        Assert.Equal([0, 1], rows.Select(r => r.Attempt).Order().ToArray());
        Assert.Equal(2, Assert.Single(await store.BucketsAsync()).Count);
        Assert.Empty(Directory.GetDirectories(temp.Sub("spool")));
    }

    [Fact]
    public async Task Reports_read_a_store_on_a_full_disk()
    {
        using var temp = new TempDirectory();
        using var disk = SmallDisk.Mount(temp.Sub("data"), "reading a store on a full disk needs a small tmpfs as the data directory");
        var (exit, _, _) = await CliRun.RunCrasher(temp, "exit3");
        Assert.Equal(3, exit);
        disk.Fill();

        var (listExit, json, listError) = await CliRun.Run("reports", "list", "--data", disk.Path, "--json");
        var (showExit, _, _) = await CliRun.Run("reports", "show", "1", "--data", disk.Path);
        var (bucketsExit, _, _) = await CliRun.Run("reports", "buckets", "--data", disk.Path);

        Assert.True(listExit == ExitCodes.Fine, listError);
        Assert.Equal(3, Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("deaths").EnumerateArray().ToList()).GetProperty("exitCode").GetInt32());
        Assert.Equal(ExitCodes.Fine, showExit);
        Assert.Equal(ExitCodes.Fine, bucketsExit);
    }

    private static string? Slot(string spool) =>
        Directory.Exists(spool)
            ? Directory.GetDirectories(spool).Where(d => !Path.GetFileName(d).StartsWith('.')).Select(d => Path.Combine(d, SlotFile.FileName)).FirstOrDefault(File.Exists)
            : null;
}
