using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Scrubbing;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Scrubbing;

public sealed class ScrubbingDeathStoreTests
{
    [Fact]
    public async Task A_pending_death_and_its_completion_are_both_stored_scrubbed_and_answered_scrubbed()
    {
        using var temp = new TempDirectory();
        using var sqlite = SqliteDeathStore.Open(temp.Sub("data"));
        var store = ScrubbingDeathStore.Wrap(sqlite, SecretScrubber.Default)!;
        var death = new DeathRecord
        {
            RunId = "run-1",
            Command = "app --password hunter2",
            Cause = DeathCause.ExitCode,
            ExitCode = 3,
            Signature = "0123456789abcdef",
            Title = "exit code 3",
            StderrTail = "token=tok-1",
            StartedAt = DateTimeOffset.UnixEpoch,
            EndedAt = DateTimeOffset.UnixEpoch,
        };

        var pending = await store.AddPendingAsync(death with { Pending = true });
        Assert.Equal("app --password ***", pending.Command);
        Assert.Equal("app --password ***", (await sqlite.GetAsync(pending.Id))!.Command);

        var completed = await store.AddAsync(death);
        Assert.Equal(pending.Id, completed.Id);
        var row = (await sqlite.GetAsync(completed.Id))!;
        Assert.Equal("app --password ***", row.Command);
        Assert.Equal("token=***", row.StderrTail);
        Assert.Equal("0123456789abcdef", row.Signature);
    }

    [Fact]
    public void Nothing_to_scrub_leaves_the_store_as_it_is()
    {
        using var temp = new TempDirectory();
        using var sqlite = SqliteDeathStore.Open(temp.Sub("data"));

        Assert.Same(sqlite, ScrubbingDeathStore.Wrap(sqlite, SecretScrubber.None));
        Assert.Null(ScrubbingDeathStore.Wrap(null, SecretScrubber.Default));
    }
}
