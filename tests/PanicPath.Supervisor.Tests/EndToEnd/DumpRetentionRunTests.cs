using System.Text.Json;
using PanicPath.Cli;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Dumps;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.EndToEnd;

/// <summary>Dump retention and the in-process dumper with real children: old dumps are small fakes, each new one a real mini dump.</summary>
public sealed class DumpRetentionRunTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public async Task After_a_real_death_the_oldest_dumps_go_their_deaths_are_marked_pruned_and_the_new_dump_stays()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        var old = new List<DeathRecord>();
        for (var i = 0; i < 3; i++)
        {
            old.Add(await store.AddAsync(await FakeDeath(temp, i)));
        }

        using var error = new StringWriter();
        var options = Crasher.Options(temp, "segv", store: store, error: error) with { DumpRetention = new DumpRetention(maxDumps: 2) };
        var death = Assert.Single((await new ProcessSupervisor(options).RunAsync()).Deaths);

        Assert.NotNull(death.Dump);
        Assert.Equal([old[2].Dump, death.Dump], DumpFiles.List(temp.Sub("dumps")).Select(d => d.Path));
        Assert.NotNull((await store.GetAsync(old[0].Id))!.DumpPrunedAt);
        Assert.NotNull((await store.GetAsync(old[1].Id))!.DumpPrunedAt);
        Assert.Null((await store.GetAsync(old[2].Id))!.DumpPrunedAt);
        Assert.Null((await store.GetAsync(death.Id))!.DumpPrunedAt);
        Assert.Contains($"removed {old[0].Dump} (1000 bytes), 1 death(s) marked pruned", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_max_dump_bytes_prunes_by_size_and_reports_show_the_pruned_dump_in_table_and_json()
    {
        using var temp = new TempDirectory();
        long oldId;
        using (var store = SqliteDeathStore.Open(temp.Sub("data")))
        {
            oldId = (await store.AddAsync(await FakeDeath(temp, 0))).Id;
        }

        var (exit, _, error) = await CliRun.RunCrasher(temp, "segv", "--max-dumps", "10", "--max-dump-bytes", "1K");

        Assert.Equal(139, exit);
        Assert.Contains("dump retention (at most 10 dumps, 1024 bytes): removed", error, StringComparison.Ordinal);
        var data = temp.Sub("data");
        var (shown, json, _) = await CliRun.Run("reports", "show", $"{oldId}", "--data", data, "--json");
        Assert.Equal(ExitCodes.Fine, shown);
        var record = JsonDocument.Parse(json).RootElement;
        Assert.Equal(JsonValueKind.String, record.GetProperty("dumpPrunedAt").ValueKind);
        Assert.Equal(Environment.MachineName, record.GetProperty("host").GetString());
        var (_, table, _) = await CliRun.Run("reports", "show", $"{oldId}", "--data", data);
        Assert.Contains("(pruned ", table, StringComparison.Ordinal);
        var (_, newest, _) = await CliRun.Run("reports", "show", $"{oldId + 1}", "--data", data, "--json");
        var kept = JsonDocument.Parse(newest).RootElement;
        Assert.Equal(JsonValueKind.Null, kept.GetProperty("dumpPrunedAt").ValueKind);
        Assert.True(File.Exists(kept.GetProperty("dump").GetString()));
    }

    [Fact]
    public async Task An_in_process_dump_under_the_supervisor_lands_in_its_dump_directory_and_is_the_deaths_only_dump()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Sub("data"));

        var death = Assert.Single((await Crasher.Run(temp, "panicpath-dump", store: store)).Deaths);

        var dump = Assert.Single(DumpFiles.List(temp.Sub("dumps")));
        Assert.Equal(DeathCause.OopsPanic, death.Cause);
        Assert.Equal(dump.Path, death.Report!.DumpPath);
        Assert.Equal(dump.Path, death.Dump);
        Assert.StartsWith($"panicpath-{death.Pid}-", Path.GetFileName(dump.Path), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(temp.Sub("dumps"), $"core.{death.Pid}")));
        Assert.NotEqual(134, death.ExitCode); // no abort for the runtime's dump
        Assert.Equal(death.ExitCode, death.Report.ExitCode);
        Assert.Equal(dump.Path, (await store.GetAsync(death.Id))!.Dump);
    }

    /// <summary>A death of this machine from an hour ago, with a 1000-byte fake dump <c>core.9000N</c> written then.</summary>
    private static async Task<DeathRecord> FakeDeath(TempDirectory temp, int n)
    {
        var dumps = temp.Sub("dumps");
        Directory.CreateDirectory(dumps);
        var path = Path.Combine(dumps, $"core.{90000 + n}");
        await File.WriteAllBytesAsync(path, new byte[1000]);
        var written = T0.AddMinutes(n);
        File.SetLastWriteTimeUtc(path, written.UtcDateTime);
        return new DeathRecord
        {
            RunId = $"old-{Guid.NewGuid():N}",
            Command = "dotnet app.dll",
            Pid = 90000 + n,
            Cause = DeathCause.Signal,
            ExitCode = 139,
            Signal = "SIGSEGV",
            Dump = path,
            Host = Environment.MachineName,
            Signature = "0123456789abcdef",
            Title = "killed by SIGSEGV",
            StartedAt = written.AddSeconds(-5),
            EndedAt = written.AddSeconds(1),
        };
    }
}
