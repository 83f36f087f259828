using System.Collections.Concurrent;
using PanicPath.Reports;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Runs;

/// <summary>
/// While the child runs, the supervisor runs its report → row path once on a made-up report
/// (<see cref="ReportPathWarmUp"/>): the store rehearses storing a panic with a full report, and keeps
/// only the real deaths.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ReportPathWarmUpTests
{
    [Fact]
    public async Task A_run_has_its_store_rehearse_the_death_of_an_unhandled_exception_with_a_full_report_and_the_store_keeps_only_the_real_death()
    {
        using var temp = new TempDirectory();
        using var sqlite = SqliteDeathStore.Open(temp.Sub("data"));
        using var store = new RecordingStore(sqlite);
        var options = Crasher.Options(temp, "panicpath-unhandled", store: store) with { ChannelDirectory = temp.Sub("channel") };

        var death = Assert.Single((await new ProcessSupervisor(options).RunAsync()).Deaths);

        var rehearsed = Assert.Single(store.WarmUps);
        Assert.Equal(DeathCause.UnhandledException, rehearsed.Cause);
        Assert.Equal(ReportPathWarmUp.RunId, rehearsed.RunId);
        var report = rehearsed.Report!;
        Assert.NotNull(report.Exception);
        Assert.NotEmpty(report.Notifiers);
        Assert.NotEmpty(report.Nested);
        Assert.NotNull(report.Log);

        var stored = Assert.Single(await sqlite.ListAsync(10, includeCleanExits: true));
        Assert.Equal((1L, death.RunId), (stored.Id, stored.RunId));
        Assert.Equal(1, Assert.Single(await sqlite.BucketsAsync()).Count);
    }

    [Fact]
    public void The_made_up_report_parses_as_a_report_the_channel_takes_and_makes_the_death_of_an_unhandled_exception()
    {
        var report = CrashReport.Parse(ReportPathWarmUp.Sample().ToUtf8Json());

        var death = SpoolIngest.Death(ReportPathWarmUp.RunId, 0, report, Path.GetTempPath());
        Assert.Equal(DeathCause.UnhandledException, death.Cause);
        Assert.Equal("long", report.Form);
    }

    /// <summary>A store that passes every call to <paramref name="inner"/> and keeps the deaths it was asked to rehearse.</summary>
    private sealed class RecordingStore(IDeathStore inner) : IDeathStore
    {
        private readonly ConcurrentQueue<DeathRecord> warmUps = new();

        public IReadOnlyCollection<DeathRecord> WarmUps => warmUps;

        public Task WarmUpAsync(DeathRecord sample, CancellationToken cancellationToken = default)
        {
            warmUps.Enqueue(sample);
            return inner.WarmUpAsync(sample, cancellationToken);
        }

        public Task<DeathRecord> AddAsync(DeathRecord death, CancellationToken cancellationToken = default) => inner.AddAsync(death, cancellationToken);

        public Task<DeathRecord> AddPendingAsync(DeathRecord death, CancellationToken cancellationToken = default) => inner.AddPendingAsync(death, cancellationToken);

        public Task<DeathRecord?> GetAsync(long id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

        public Task<IReadOnlyList<DeathRecord>> ListAsync(int limit, bool includeCleanExits = false, CancellationToken cancellationToken = default) => inner.ListAsync(limit, includeCleanExits, cancellationToken);

        public Task<IReadOnlyList<DeathBucket>> BucketsAsync(CancellationToken cancellationToken = default) => inner.BucketsAsync(cancellationToken);

        public Task<IReadOnlyList<DeathRecord>> QueryAsync(DeathQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

        public Task<IReadOnlyList<BucketCount>> BucketHistoryAsync(BucketPeriod period, CancellationToken cancellationToken = default) => inner.BucketHistoryAsync(period, cancellationToken);

        public Task<int> MarkDumpPrunedAsync(string dump, string host, DateTimeOffset writtenAt, DateTimeOffset prunedAt, CancellationToken cancellationToken = default) =>
            inner.MarkDumpPrunedAsync(dump, host, writtenAt, prunedAt, cancellationToken);

        public void Dispose()
        {
        }
    }
}
