using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Store;

/// <summary>
/// The store's warm-up (<see cref="IDeathStore.WarmUpAsync"/>): the code that stores a death runs once on
/// a made-up death and nothing of it stays — no row, no bucket, no id taken, the WAL file as it was — and a
/// store that has not opened is left for the first real call to report.
/// </summary>
public sealed class StoreWarmUpTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Warming_up_the_SQLite_store_leaves_no_row_no_bucket_no_id_taken_and_the_WAL_as_it_was()
    {
        using var store = SqliteDeathStore.Open(temp.Path);
        var first = await store.AddAsync(Death("before"));
        var wal = store.Path + "-wal";
        var walBefore = new FileInfo(wal).Length;
        var fileBefore = File.ReadAllBytes(store.Path);

        await store.WarmUpAsync(Sample());
        await store.WarmUpAsync(Sample());

        Assert.Equal(first.Id, Assert.Single(await store.ListAsync(10, includeCleanExits: true)).Id);
        Assert.Equal("before", Assert.Single(await store.BucketsAsync()).Signature);
        Assert.Equal(walBefore, new FileInfo(wal).Length);
        Assert.Equal(fileBefore, File.ReadAllBytes(store.Path));
        var next = await store.AddPendingAsync(Death("after"));
        Assert.Equal(first.Id + 1, next.Id);
    }

    [Fact]
    public async Task Warming_up_a_store_opened_in_the_background_rehearses_on_it_once_it_opened_and_keeps_nothing()
    {
        var told = new List<string>();
        using var store = DeferredDeathStore.OpenInBackground(() => SqliteDeathStore.Open(temp.Path), e => told.Add(e.Message));

        await store.WarmUpAsync(Sample());

        Assert.Empty(await store.ListAsync(10, includeCleanExits: true));
        Assert.Empty(await store.BucketsAsync());
        Assert.Equal(1, (await store.AddPendingAsync(Death("after"))).Id);
        Assert.Empty(told);
    }

    [Fact]
    public async Task Warming_up_a_store_that_did_not_open_leaves_its_failure_for_the_first_real_call_to_report_once()
    {
        var told = new List<string>();
        var opened = 0;
        using var store = DeferredDeathStore.OpenInBackground(
            () =>
            {
                opened++;
                throw new InvalidOperationException("the database is gone");
            },
            e => told.Add(e.Message));

        await store.WarmUpAsync(Sample());
        Assert.Empty(told);
        Assert.Equal(1, opened);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AddAsync(Death("after")));
        Assert.Equal("the database is gone", Assert.Single(told));
    }

    /// <summary>The made-up death the supervisor rehearses with: a pending panic made from a full report.</summary>
    private static DeathRecord Sample()
    {
        var sample = SpoolIngest.Death(ReportPathWarmUp.RunId, 0, ReportPathWarmUp.Sample(), Path.GetTempPath()) with { Pending = true };
        Assert.False(sample.EndedCleanly, "the rehearsal counts a bucket too");
        return sample;
    }

    private static DeathRecord Death(string signature) => new()
    {
        RunId = $"run-{Guid.NewGuid():N}",
        Attempt = 0,
        Command = "dotnet app.dll",
        Pid = 42,
        Cause = DeathCause.ExitCode,
        ExitCode = 3,
        Signature = signature,
        Title = "exit code 3",
        StartedAt = DateTimeOffset.UtcNow.AddSeconds(-1),
        EndedAt = DateTimeOffset.UtcNow,
    };
}
