using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Restart;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.EndToEnd;

public sealed class SupervisedStoreTests
{
    [Fact]
    public async Task Each_death_of_a_restarting_run_is_stored_and_counted_in_one_bucket()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        var result = await Crasher.Run(temp, "exit3", new RestartSchedule(RestartPolicy.OnFailure, 2, TimeSpan.Zero, TimeSpan.Zero), store);

        var stored = await store.ListAsync(10);
        Assert.Equal(result.Deaths.Select(d => d.Id).Reverse().ToArray(), stored.Select(d => d.Id).ToArray());
        var bucket = Assert.Single(await store.BucketsAsync());
        Assert.Equal(3, bucket.Count);
        Assert.Equal(DeathCause.ExitCode, bucket.Cause);
    }

    [Fact]
    public async Task Supervisors_running_at_once_share_one_store()
    {
        using var temp = new TempDirectory();
        var stores = Enumerable.Range(0, 3).Select(_ => SqliteDeathStore.Open(temp.Sub("data"))).ToList();
        try
        {
            var runs = stores.Select(store => Crasher.Run(temp, "exit3", new RestartSchedule(RestartPolicy.OnFailure, 1, TimeSpan.Zero, TimeSpan.Zero), store));
            var results = await Task.WhenAll(runs);

            var ids = results.SelectMany(r => r.Deaths).Select(d => d.Id).Order().ToArray();
            Assert.Equal(6, ids.Distinct().Count());
            Assert.Equal(ids, (await stores[0].ListAsync(100)).Select(d => d.Id).Order().ToArray());
            Assert.Equal(6, Assert.Single(await stores[0].BucketsAsync()).Count);
        }
        finally
        {
            stores.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task A_death_the_store_refuses_is_noted_and_its_report_is_recorded_by_the_next_start()
    {
        using var temp = new TempDirectory();
        var error = new StringWriter();
        var options = Crasher.Options(temp, "panicpath-unhandled", store: new RefusingStore(), error: error);

        var death = Assert.Single((await new ProcessSupervisor(options).RunAsync()).Deaths);

        Assert.Equal(0, death.Id);
        Assert.NotNull(death.Report);
        Assert.Contains("panicpath: store write failed, death not stored (InvalidOperationException: the database is gone)", error.ToString(), StringComparison.Ordinal);
        Assert.Single(Directory.GetDirectories(temp.Sub("spool")));

        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        Assert.Equal(1, await SpoolIngest.IngestAsync(temp.Sub("spool"), store, TextWriter.Null));
        var recorded = Assert.Single(await store.ListAsync(10));
        Assert.Equal(death.RunId, recorded.RunId);
        Assert.Equal(death.Cause, recorded.Cause);
        Assert.Equal(death.Report!.Exception!.Type, recorded.Report!.Exception!.Type);
    }

    [Fact]
    public async Task A_death_without_report_the_store_refuses_is_kept_in_its_slot_and_the_run_still_mirrors_its_exit_code()
    {
        using var temp = new TempDirectory();
        var error = new StringWriter();
        var options = Crasher.Options(temp, "exit3", store: new RefusingStore(), error: error);

        var result = await new ProcessSupervisor(options).RunAsync();

        Assert.Equal(3, result.ExitCode);
        var death = Assert.Single(result.Deaths);
        Assert.Equal(0, death.Id);
        Assert.Contains("panicpath: store write failed, death not stored (InvalidOperationException: the database is gone); the death is kept in ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("panicpath: the death of attempt 0 stays in ", error.ToString(), StringComparison.Ordinal);

        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        Assert.Equal(1, await SpoolIngest.IngestAsync(temp.Sub("spool"), store, TextWriter.Null));
        var recorded = Assert.Single(await store.ListAsync(10));
        Assert.Equal((death.RunId, 0, 3, DeathCause.ExitCode, death.Command), (recorded.RunId, recorded.Attempt, recorded.ExitCode, recorded.Cause, recorded.Command));
        Assert.Contains("crasher exiting with 3", recorded.StderrTail, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(temp.Sub("spool")));
    }

    [Fact]
    public async Task A_stored_unhandled_exception_keeps_its_dump_paths_and_tails()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        var death = Assert.Single((await Crasher.Run(temp, "oops-panic", store: store)).Deaths);

        var read = await store.GetAsync(death.Id);

        Assert.NotNull(read);
        Assert.Equal(DeathCause.OopsPanic, read.Cause);
        Assert.Equal(death.Dump, read.Dump);
        Assert.Equal(death.CrashReport, read.CrashReport);
        Assert.Equal(death.StderrTail, read.StderrTail);
        Assert.Equal("request failed", read.Report!.Reason);
    }

    /// <summary>A store whose database has gone away: every add fails.</summary>
    private sealed class RefusingStore : IDeathStore
    {
        public Task<DeathRecord> AddAsync(DeathRecord death, CancellationToken cancellationToken = default) => throw new InvalidOperationException("the database is gone");

        public Task<DeathRecord> AddPendingAsync(DeathRecord death, CancellationToken cancellationToken = default) => throw new InvalidOperationException("the database is gone");

        public Task<DeathRecord?> GetAsync(long id, CancellationToken cancellationToken = default) => Task.FromResult<DeathRecord?>(null);

        public Task<IReadOnlyList<DeathRecord>> ListAsync(int limit, bool includeCleanExits = false, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<DeathRecord>>([]);

        public Task<IReadOnlyList<DeathBucket>> BucketsAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<DeathBucket>>([]);

        public Task<IReadOnlyList<DeathRecord>> QueryAsync(DeathQuery query, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<DeathRecord>>([]);

        public Task<IReadOnlyList<BucketCount>> BucketHistoryAsync(BucketPeriod period, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<BucketCount>>([]);

        public Task<int> MarkDumpPrunedAsync(string dump, string host, DateTimeOffset writtenAt, DateTimeOffset prunedAt, CancellationToken cancellationToken = default) => throw new InvalidOperationException("the database is gone");

        public void Dispose()
        {
        }
    }
}
