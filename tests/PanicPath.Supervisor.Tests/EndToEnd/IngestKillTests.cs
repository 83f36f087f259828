using System.Diagnostics;
using Microsoft.Data.Sqlite;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;


namespace PanicPath.Supervisor.Tests.EndToEnd;

public sealed class IngestKillTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(120);

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task Kill_9_of_the_supervisor_during_ingest_loses_no_report_and_a_second_start_stores_each_exactly_once()
    {
        for (var leftovers = 2_000; ; leftovers *= 2)
        {
            using var temp = new TempDirectory();
            var data = temp.Sub("data");
            var spool = Path.Combine(data, "spool");
            var runIds = Enumerable.Range(0, leftovers).Select(i => Leftovers.Write(spool, Leftovers.Report($"leftover {i}", 10_000 + i))).ToHashSet();
            SqliteDeathStore.Open(data).Dispose();

            var storedAtKill = await StartAndKillDuringIngest(data, leftovers);
            output.WriteLine($"{leftovers} leftovers: the kill landed with {storedAtKill} stored");
            if (storedAtKill >= leftovers)
            {
                Assert.True(leftovers < 64_000, "ingest always finished before the kill landed");
                continue;
            }

            Assert.InRange(storedAtKill, 1, leftovers - 1);
            Assert.NotEmpty(Directory.GetDirectories(spool));

            var (exit, _, error) = await CliRun.Run("run", "--data", data, "--", Crasher.Dotnet, Crasher.Dll, "exit0");

            Assert.Equal(0, exit);
            Assert.Contains("spooled report(s) left by earlier runs", error, StringComparison.Ordinal);
            using var store = SqliteDeathStore.Open(data);
            var deaths = await store.ListAsync(leftovers * 2, includeCleanExits: true);
            var ingested = deaths.Where(d => d.Command == SpoolIngest.UnknownCommand).ToList();
            Assert.Equal(leftovers, ingested.Count);
            Assert.True(runIds.SetEquals(ingested.Select(d => d.RunId)), "every leftover run is stored exactly once");
            Assert.Equal(leftovers + 1, deaths.Count);
            Assert.Equal(deaths.Count(d => !d.EndedCleanly), (await store.BucketsAsync()).Sum(b => b.Count));
            Assert.Empty(Directory.GetDirectories(spool));
            return;
        }
    }

    /// <summary>Starts <c>panicpath run</c> as a child process, SIGKILLs it once the store holds some ingested deaths, and answers how many it held then.</summary>
    private static async Task<long> StartAndKillDuringIngest(string data, int leftovers)
    {
        var cli = Crasher.Cli;
        var start = new ProcessStartInfo(cli[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in cli[1..].Concat(new[] { "run", "--data", data, "--", Crasher.Dotnet, Crasher.Dll, "hang" }))
        {
            start.ArgumentList.Add(argument);
        }

        using var supervisor = Process.Start(start)!;
        _ = supervisor.StandardOutput.ReadToEndAsync();
        _ = supervisor.StandardError.ReadToEndAsync();
        try
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(data, DataDirectory.DatabaseFileName)};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM deaths";
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < Guard && !supervisor.HasExited)
            {
                if ((long)count.ExecuteScalar()! > 0)
                {
                    break;
                }

                Thread.Yield();
            }

            // SIGKILL: nothing in the supervisor runs after it.
            supervisor.Kill(entireProcessTree: true);
            await supervisor.WaitForExitAsync(new CancellationTokenSource(Guard).Token);
            return (long)count.ExecuteScalar()!;
        }
        finally
        {
            if (!supervisor.HasExited)
            {
                supervisor.Kill(entireProcessTree: true);
            }
        }
    }
}
