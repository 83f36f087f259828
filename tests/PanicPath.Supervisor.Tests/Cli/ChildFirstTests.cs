using Microsoft.Data.Sqlite;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Cli;

/// <summary>
/// Child first: <c>panicpath run</c> starts the child before the store opens; the store opens meanwhile
/// and records the run once it can.
/// </summary>
public sealed class ChildFirstTests
{
    [Fact]
    public async Task The_child_starts_and_exits_while_the_store_cannot_be_opened_yet_and_its_run_is_recorded_once_the_store_opens()
    {
        using var temp = new TempDirectory();
        var data = temp.Sub("data");
        SqliteDeathStore.Open(data).Dispose();

        // The test holds the store's write lock: opening it (its schema check) waits until the lock goes.
        using var holder = new SqliteConnection($"Data Source={Path.Combine(data, DataDirectory.DatabaseFileName)};Pooling=False");
        holder.Open();
        using var exclusive = holder.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
        using (var lockIt = holder.CreateCommand())
        {
            lockIt.Transaction = exclusive;
            lockIt.CommandText = "UPDATE schema_info SET version = version";
            lockIt.ExecuteNonQuery();
        }

        using var supervisor = SupervisorProcess.Start(temp, ["--", Crasher.Dotnet, Crasher.Dll, "exit0"]);
        await supervisor.LineStartingWith("crasher exit0 pid ");
        Assert.DoesNotContain("STORE UNUSABLE", supervisor.Error, StringComparison.Ordinal);
        exclusive.Rollback();

        Assert.Equal(0, await supervisor.ExitCode());
        Assert.DoesNotContain("STORE UNUSABLE", supervisor.Error, StringComparison.Ordinal);
        using var store = SqliteDeathStore.Open(data);
        Assert.True(Assert.Single(await store.ListAsync(10, includeCleanExits: true)).EndedCleanly);
    }

    [Fact]
    public async Task The_store_starts_opening_only_once_the_child_is_launched_and_the_run_is_still_recorded()
    {
        using var temp = new TempDirectory();
        var marker = $"child-first-{Guid.NewGuid():N}";
        var go = Path.Combine(temp.Path, "go");
        bool? childWasRunning = null;

        // The child waits for the store's opening to let it go (for 30 s at most: a supervisor that starts
        // no opening before the child's exit still ends, and fails the test).
        using var store = DeferredDeathStore.OpenWhenStarted(
            () =>
            {
                childWasRunning = Running(marker);
                File.WriteAllText(go, string.Empty);
                return SqliteDeathStore.Open(temp.Sub("data"));
            },
            _ => { });
        var options = Crasher.Options(temp, "exit0", store: store) with
        {
            Command = "sh",
            Arguments = ["-c", "i=0; while [ ! -e \"$1\" ] && [ $i -lt 3000 ]; do sleep 0.01; i=$((i+1)); done", marker, go],
        };
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var result = await new ProcessSupervisor(options).RunAsync(guard.Token);

        Assert.Equal(0, result.ExitCode);
        Assert.True(childWasRunning, "the store did not start opening while the child ran");
        Assert.True(Assert.Single(await store.ListAsync(10, includeCleanExits: true)).EndedCleanly);
    }

    /// <summary>True when a process whose command line holds <paramref name="marker"/> runs.</summary>
    private static bool Running(string marker)
    {
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (int.TryParse(Path.GetFileName(process), out _) && File.ReadAllText(Path.Combine(process, "cmdline")).Contains(marker, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }

        return false;
    }
}
