using PanicPath.Supervisor.Deaths;

namespace PanicPath.Supervisor.Store;

/// <summary>
/// A store that could not be opened when the supervisor started (a corrupt SQLite file, an unreachable
/// PostgreSQL server, an unusable path): every call tries to open it again with the given opener and,
/// while that fails, fails with the opener's exception, so the supervisor keeps each death in its spool
/// and slot; once the store opens, calls go to it. Calls are serialised.
/// </summary>
public sealed class DeferredDeathStore(Func<IDeathStore> open) : IDeathStore
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private IDeathStore? store;

    /// <inheritdoc />
    public Task<DeathRecord> AddAsync(DeathRecord death, CancellationToken cancellationToken = default) =>
        WithStoreAsync(s => s.AddAsync(death, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<DeathRecord> AddPendingAsync(DeathRecord death, CancellationToken cancellationToken = default) =>
        WithStoreAsync(s => s.AddPendingAsync(death, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<DeathRecord?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        WithStoreAsync(s => s.GetAsync(id, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DeathRecord>> ListAsync(int limit, bool includeCleanExits = false, CancellationToken cancellationToken = default) =>
        WithStoreAsync(s => s.ListAsync(limit, includeCleanExits, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DeathBucket>> BucketsAsync(CancellationToken cancellationToken = default) =>
        WithStoreAsync(s => s.BucketsAsync(cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<int> MarkDumpPrunedAsync(string dump, string host, DateTimeOffset writtenAt, DateTimeOffset prunedAt, CancellationToken cancellationToken = default) =>
        WithStoreAsync(s => s.MarkDumpPrunedAsync(dump, host, writtenAt, prunedAt, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        store?.Dispose();
        gate.Dispose();
    }

    private async Task<T> WithStoreAsync<T>(Func<IDeathStore, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            store ??= open();
        }
        finally
        {
            gate.Release();
        }

        return await call(store).ConfigureAwait(false);
    }
}
