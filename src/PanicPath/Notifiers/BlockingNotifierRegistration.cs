namespace PanicPath.Notifiers;

/// <summary>
/// One handler's place on a <see cref="BlockingNotifierChain{TEvent}"/>. Disposing it unregisters the
/// handler and completes only when no call in flight can still run it; a call in the disposing code's
/// own async flow (unregistering from inside a handler) is not waited for. Disposal is idempotent.
/// </summary>
public sealed class BlockingNotifierRegistration<TEvent> : IDisposable, IAsyncDisposable, IChainEntry
{
    private int registered = 1;

    internal BlockingNotifierRegistration(BlockingNotifierChain<TEvent> chain, BlockingNotifierHandler<TEvent> handler, int priority, string name)
    {
        Chain = chain;
        Handler = handler;
        Priority = priority;
        Name = name;
    }

    /// <summary>The chain this registration belongs to.</summary>
    public BlockingNotifierChain<TEvent> Chain { get; }

    /// <summary>The handler the chain calls.</summary>
    public BlockingNotifierHandler<TEvent> Handler { get; }

    /// <summary>Higher runs first; equal priorities run in registration order.</summary>
    public int Priority { get; }

    /// <summary>The name reports and faults use for this handler.</summary>
    public string Name { get; }

    /// <summary>True until the registration has been removed from its chain.</summary>
    public bool IsRegistered => Volatile.Read(ref registered) == 1;

    object IChainEntry.HandlerIdentity => Handler;

    /// <summary>Unregisters and blocks until no call in flight can still run the handler.</summary>
    public void Dispose() => Chain.UnregisterAsync(this, Timeout.InfiniteTimeSpan).AsTask().GetAwaiter().GetResult();

    /// <summary>Unregisters and completes when no call in flight can still run the handler.</summary>
    public ValueTask DisposeAsync()
    {
        var pending = Chain.UnregisterAsync(this, Timeout.InfiniteTimeSpan);
        return pending.IsCompletedSuccessfully ? ValueTask.CompletedTask : new ValueTask(pending.AsTask());
    }

    /// <summary>
    /// Unregisters at once and waits at most <paramref name="timeout"/> for calls in flight; answers true
    /// when they all ended, false when the wait timed out.
    /// </summary>
    public ValueTask<bool> UnregisterAsync(TimeSpan timeout) => Chain.UnregisterAsync(this, timeout);

    internal bool MarkUnregistered() => Interlocked.Exchange(ref registered, 0) == 1;

    /// <inheritdoc />
    public override string ToString() => $"{Name} (priority {Priority})";
}
