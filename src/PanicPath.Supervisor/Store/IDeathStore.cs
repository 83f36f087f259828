using PanicPath.Supervisor.Deaths;

namespace PanicPath.Supervisor.Store;

/// <summary>
/// Where death records live: one row per death, and one bucket per signature with its count and first
/// and last seen times, updated in the same transaction as the death. Runs that ended cleanly are kept
/// as records too, in no bucket, and listed only on request. Implementations share the schema
/// (<see cref="StoreSchema"/>); SQLite is the default, a server database can take the same tables.
/// </summary>
public interface IDeathStore : IDisposable
{
    /// <summary>
    /// Stores one death and counts it in its bucket (a run that ended cleanly in none); answers the record
    /// with its id. A pending death stored for the same run id and attempt (<see cref="AddPendingAsync"/>)
    /// is completed in place and counted then; a complete one already stored changes nothing.
    /// </summary>
    Task<DeathRecord> AddAsync(DeathRecord death, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a death at its first report, before the exit (<see cref="DeathRecord.Pending"/>), in no
    /// bucket; answers the record with its id. A death already stored for its run id and attempt, pending
    /// or complete, is left as it is (its id answered).
    /// </summary>
    Task<DeathRecord> AddPendingAsync(DeathRecord death, CancellationToken cancellationToken = default);

    /// <summary>The death with <paramref name="id"/>, or null.</summary>
    Task<DeathRecord?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>
    /// The most recent deaths, newest first, at most <paramref name="limit"/>; with
    /// <paramref name="includeCleanExits"/> runs that ended cleanly too.
    /// </summary>
    Task<IReadOnlyList<DeathRecord>> ListAsync(int limit, bool includeCleanExits = false, CancellationToken cancellationToken = default);

    /// <summary>The deaths <paramref name="query"/> selects, newest first (see <see cref="DeathQuery"/>).</summary>
    Task<IReadOnlyList<DeathRecord>> QueryAsync(DeathQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many deaths each bucket had in each <paramref name="period"/> (UTC) that had any, oldest first
    /// within a bucket; runs that ended cleanly and pending deaths (in no bucket yet) are not counted.
    /// </summary>
    Task<IReadOnlyList<BucketCount>> BucketHistoryAsync(BucketPeriod period, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that the dump file <paramref name="dump"/> on machine <paramref name="host"/>, last written
    /// at <paramref name="writtenAt"/>, was removed at <paramref name="prunedAt"/>, in each death whose dump it was;
    /// answers how many deaths were marked.
    /// </summary>
    Task<int> MarkDumpPrunedAsync(string dump, string host, DateTimeOffset writtenAt, DateTimeOffset prunedAt, CancellationToken cancellationToken = default);

    /// <summary>Every bucket, most deaths first.</summary>
    Task<IReadOnlyList<DeathBucket>> BucketsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs the code that stores a death (<see cref="AddPendingAsync"/>, then <see cref="AddAsync"/>) once on
    /// <paramref name="sample"/> and keeps nothing: no row, no bucket, nothing left in the database's files.
    /// The supervisor calls it while the child runs, so that the first real death does not pay for
    /// compiling and loading that code. A store that cannot rehearse without leaving a trace does nothing (the default).
    /// </summary>
    Task WarmUpAsync(DeathRecord sample, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
