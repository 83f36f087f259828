using PanicPath.Supervisor.Deaths;

namespace PanicPath.Supervisor.Store;

/// <summary>
/// A store opened later than the supervisor's start. Made with <see cref="DeferredDeathStore(Func{IDeathStore})"/>
/// (a store that could not be opened at start: a corrupt SQLite file, an unreachable PostgreSQL server,
/// an unusable path) every call tries to open it again with the given opener and, while that fails,
/// fails with the opener's exception, so the supervisor keeps each death in its spool and slot; once the
/// store opens, calls go to it. Made with <see cref="OpenWhenStarted"/> the first opening starts on the
/// thread pool at <see cref="StartOpening"/> (the supervisor calls it right after its child is launched,
/// so that the opening does not compete with the child's start) or at the first call, whichever comes
/// first; made with <see cref="OpenInBackground"/> it starts at once. The first call waits for that
/// opening, and when it failed <c>unusable</c> hears of it once and calls go on as above.
/// Calls are serialised.
/// </summary>
public sealed class DeferredDeathStore(Func<IDeathStore> open) : IDeathStore
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private IDeathStore? store;
    private readonly Lock starting = new();
    private Func<IDeathStore>? notStarted;
    private Task<IDeathStore>? opening;
    private Action<Exception>? unusable;

    /// <summary>
    /// Starts opening the store with <paramref name="open"/> now, in the background; <paramref name="unusable"/>
    /// is told once when that first opening fails (then each call tries again).
    /// </summary>
    public static DeferredDeathStore OpenInBackground(Func<IDeathStore> open, Action<Exception> unusable)
    {
        var store = OpenWhenStarted(open, unusable);
        store.StartOpening();
        return store;
    }

    /// <summary>
    /// A store whose first opening with <paramref name="open"/> starts in the background at
    /// <see cref="StartOpening"/>, or at the first call; <paramref name="unusable"/> is told once when that
    /// first opening fails (then each call tries again). Nothing is opened until then.
    /// </summary>
    public static DeferredDeathStore OpenWhenStarted(Func<IDeathStore> open, Action<Exception> unusable)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(unusable);
        return new DeferredDeathStore(open)
        {
            notStarted = open,
            unusable = unusable,
        };
    }

    /// <summary>
    /// False while a store made with <see cref="OpenWhenStarted"/> waits for <see cref="StartOpening"/> or its
    /// first call; true once its first opening has started, and for every other store.
    /// </summary>
    public bool OpeningStarted
    {
        get
        {
            lock (starting)
            {
                return notStarted is null;
            }
        }
    }

    /// <summary>
    /// Starts the first opening on the thread pool, when the store was made with <see cref="OpenWhenStarted"/>
    /// and it has not started yet; otherwise does nothing. Never blocks.
    /// </summary>
    public void StartOpening()
    {
        lock (starting)
        {
            if (notStarted is { } first)
            {
                notStarted = null;
                opening = Task.Run(first);
            }
        }
    }

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
    public Task<IReadOnlyList<DeathRecord>> QueryAsync(DeathQuery query, CancellationToken cancellationToken = default) =>
        WithStoreAsync(s => s.QueryAsync(query, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<BucketCount>> BucketHistoryAsync(BucketPeriod period, CancellationToken cancellationToken = default) =>
        WithStoreAsync(s => s.BucketHistoryAsync(period, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DeathBucket>> BucketsAsync(CancellationToken cancellationToken = default) =>
        WithStoreAsync(s => s.BucketsAsync(cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<int> MarkDumpPrunedAsync(string dump, string host, DateTimeOffset writtenAt, DateTimeOffset prunedAt, CancellationToken cancellationToken = default) =>
        WithStoreAsync(s => s.MarkDumpPrunedAsync(dump, host, writtenAt, prunedAt, cancellationToken), cancellationToken);

    /// <summary>
    /// Rehearses on the store once it has opened (waiting for a background opening); a store that has not
    /// opened, or has not started opening, is left alone, so that its failure is heard of, and tried
    /// again, at the first real call.
    /// </summary>
    public async Task WarmUpAsync(DeathRecord sample, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sample);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (store is null && opening is { } first)
            {
                try
                {
                    await first.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Left for the first real call to hear of.
                    return;
                }

                opening = null;
                store = first.Result;
            }

            if (store is not null)
            {
                await store.WarmUpAsync(sample, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (starting)
        {
            // A store never started is never opened.
            notStarted = null;
        }

        if (opening is { } first)
        {
            // A store still opening is disposed once it has opened.
            try
            {
                first.Wait();
            }
            catch (AggregateException)
            {
                // It never opened.
            }

            if (first.IsCompletedSuccessfully && !ReferenceEquals(first.Result, store))
            {
                first.Result.Dispose();
            }
        }

        store?.Dispose();
        gate.Dispose();
    }

    private async Task<T> WithStoreAsync<T>(Func<IDeathStore, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            StartOpening();
            if (store is null && opening is { } first)
            {
                opening = null;
                try
                {
                    store = await first.ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    unusable?.Invoke(e);
                }
            }

            store ??= open();
        }
        finally
        {
            gate.Release();
        }

        return await call(store).ConfigureAwait(false);
    }
}
