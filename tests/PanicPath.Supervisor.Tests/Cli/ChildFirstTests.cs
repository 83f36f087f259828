using Microsoft.Data.Sqlite;
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
}
