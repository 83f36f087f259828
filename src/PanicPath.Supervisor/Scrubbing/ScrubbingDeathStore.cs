using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Store;

namespace PanicPath.Supervisor.Scrubbing;

/// <summary>
/// The store as the supervisor writes to it: every death it is given, complete or pending, from a child's
/// exit, a slot or a spool ingest, is scrubbed by <paramref name="scrubber"/> before <paramref name="inner"/>
/// sees it, and the stored record answered is the scrubbed one. Reads go to <paramref name="inner"/> as they
/// are. It does not own <paramref name="inner"/>: disposing it leaves <paramref name="inner"/> open.
/// </summary>
internal sealed class ScrubbingDeathStore(IDeathStore inner, SecretScrubber scrubber) : IDeathStore
{
    /// <summary>The store written to.</summary>
    public IDeathStore Inner => inner;

    /// <summary><paramref name="store"/> behind <paramref name="scrubber"/>; itself when there is nothing to scrub, null for null.</summary>
    public static IDeathStore? Wrap(IDeathStore? store, SecretScrubber scrubber) =>
        store is null || scrubber.IsNone || store is ScrubbingDeathStore ? store : new ScrubbingDeathStore(store, scrubber);

    public Task<DeathRecord> AddAsync(DeathRecord death, CancellationToken cancellationToken = default) =>
        inner.AddAsync(scrubber.Scrub(death), cancellationToken);

    public Task<DeathRecord> AddPendingAsync(DeathRecord death, CancellationToken cancellationToken = default) =>
        inner.AddPendingAsync(scrubber.Scrub(death), cancellationToken);

    public Task<DeathRecord?> GetAsync(long id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

    public Task<IReadOnlyList<DeathRecord>> ListAsync(int limit, bool includeCleanExits = false, CancellationToken cancellationToken = default) =>
        inner.ListAsync(limit, includeCleanExits, cancellationToken);

    public Task<int> MarkDumpPrunedAsync(string dump, string host, DateTimeOffset writtenAt, DateTimeOffset prunedAt, CancellationToken cancellationToken = default) =>
        inner.MarkDumpPrunedAsync(dump, host, writtenAt, prunedAt, cancellationToken);

    public Task<IReadOnlyList<DeathBucket>> BucketsAsync(CancellationToken cancellationToken = default) => inner.BucketsAsync(cancellationToken);

    public Task<IReadOnlyList<DeathRecord>> QueryAsync(DeathQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

    public Task<IReadOnlyList<BucketCount>> BucketHistoryAsync(BucketPeriod period, CancellationToken cancellationToken = default) => inner.BucketHistoryAsync(period, cancellationToken);

    /// <summary>Rehearses the scrubbing too, so that the first real death does not pay for it.</summary>
    public Task WarmUpAsync(DeathRecord sample, CancellationToken cancellationToken = default) =>
        inner.WarmUpAsync(scrubber.Scrub(sample), cancellationToken);

    public void Dispose()
    {
    }
}
