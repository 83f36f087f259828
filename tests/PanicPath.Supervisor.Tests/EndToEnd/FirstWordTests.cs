using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.EndToEnd;

/// <summary>
/// Store at the first word: the death is stored pending the moment the short report arrives over the
/// channel, while the child is still in its notifiers, and completed in place after the exit — by the
/// same supervisor, or, when it was killed with SIGKILL in between, by the next start's spool ingest.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FirstWordTests
{
    private const string Held = "panicpath-held";
    private const string GoFileVariable = "CRASHER_GO_FILE";

    [Fact]
    public async Task The_death_is_in_the_store_pending_while_the_child_still_runs_its_notifiers_and_is_completed_in_place_after_the_exit()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        var go = temp.Sub("go");
        var options = Crasher.Options(temp, Held, store: store) with
        {
            ChannelDirectory = temp.Sub("channel"),
            Environment = new Dictionary<string, string?> { [GoFileVariable] = go },
        };
        var run = new ProcessSupervisor(options).RunAsync();

        DeathRecord? pending = null;
        await Poll.Until(() => (pending = store.ListAsync(10).GetAwaiter().GetResult().SingleOrDefault()) is not null || run.IsCompleted, "the pending death in the store");
        Assert.False(run.IsCompleted, "the child is held in its notifier until the test saw the store");
        Assert.True(pending!.Pending);
        Assert.Equal(DeathCause.Panic, pending.Cause);
        Assert.Equal(("held panic", "short"), (pending.Report!.Reason, pending.Report.Form));
        Assert.Empty(pending.Report.Notifiers);
        Assert.Empty(await store.BucketsAsync());
        File.WriteAllText(go, "go");

        var result = await run;

        var death = Assert.Single(result.Deaths);
        Assert.Equal(pending.Id, death.Id);
        var stored = Assert.Single(await store.ListAsync(10));
        Assert.Equal(pending.Id, stored.Id);
        Assert.False(stored.Pending);
        Assert.Contains(stored.Report!.Notifiers, n => n.Name == "held");
        Assert.Equal(death.ExitCode, stored.ExitCode);
        Assert.Equal(1, Assert.Single(await store.BucketsAsync()).Count);
    }

    [Fact]
    public async Task A_supervisor_killed_after_the_pending_death_and_before_completing_it_leaves_one_death_that_the_next_start_completes()
    {
        using var temp = new TempDirectory();
        var data = temp.Sub("data");
        var go = temp.Sub("go");
        int child;
        DeathRecord? pending = null;
        using (var supervisor = SupervisorProcess.Start(temp, ["--", Crasher.Dotnet, Crasher.Dll, Held], new Dictionary<string, string?> { [GoFileVariable] = go }))
        {
            child = supervisor.Track(await supervisor.NumberAfter($"crasher {Held} pid "));
            await supervisor.LineStartingWith("notifier held");
            await Poll.Until(() => (pending = PendingIn(data)) is not null, "the pending death in the store");

            // SIGKILL: nothing in the supervisor runs after it; the child goes on without it.
            SupervisorProcess.Send(supervisor.Pid, 9);
            await supervisor.ExitCode();
            File.WriteAllText(go, "go");
            Assert.True(await SupervisorProcess.Eventually(() => !SupervisorProcess.IsAlive(child)), "the held child ends its path");
        }

        using (var before = SqliteDeathStore.Open(data))
        {
            Assert.True(Assert.Single(await before.ListAsync(10)).Pending);
        }

        var (exit, _, error) = await CliRun.Run("run", "--data", data, "--", Crasher.Dotnet, Crasher.Dll, "exit0");

        Assert.Equal(0, exit);
        Assert.Contains("spooled report(s) left by earlier runs", error, StringComparison.Ordinal);
        using var store = SqliteDeathStore.Open(data);
        var death = Assert.Single(await store.ListAsync(10));
        Assert.Equal((pending!.Id, pending.RunId, pending.Command), (death.Id, death.RunId, death.Command));
        Assert.False(death.Pending);
        Assert.Equal("held panic", death.Report!.Reason);
        Assert.Contains(death.Report.Notifiers, n => n.Name == "held");
        Assert.Equal(2, (await store.ListAsync(10, includeCleanExits: true)).Count);
        Assert.Equal(1, Assert.Single(await store.BucketsAsync()).Count);
        Assert.Empty(Directory.GetDirectories(Path.Combine(data, "spool")));
    }

    /// <summary>The pending death in the store of <paramref name="data"/>, or null (none yet, or no store yet).</summary>
    private static DeathRecord? PendingIn(string data)
    {
        try
        {
            using var store = SqliteDeathStore.OpenReadOnly(data);
            return store.ListAsync(10).GetAwaiter().GetResult().SingleOrDefault(d => d.Pending);
        }
        catch (DataDirectoryException)
        {
            return null;
        }
    }
}
