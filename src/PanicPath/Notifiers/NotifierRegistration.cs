namespace PanicPath.Notifiers;

/// <summary>
/// One handler's place on a <see cref="NotifierChain{TEvent}"/>: the kernel's <c>notifier_block</c>
/// once registered. Disposing it unregisters the handler and returns only when no walk in flight can
/// still call it (the kernel's <c>synchronize_rcu</c>). Disposal is idempotent. A registration is
/// single-use: to put the handler back, register it again.
/// </summary>
public sealed class NotifierRegistration<TEvent> : IDisposable, IChainEntry
{
    private int registered = 1;

    internal NotifierRegistration(NotifierChain<TEvent> chain, NotifierHandler<TEvent> handler, int priority, string name)
    {
        Chain = chain;
        Handler = handler;
        Priority = priority;
        Name = name;
    }

    /// <summary>The chain this registration belongs to.</summary>
    public NotifierChain<TEvent> Chain { get; }

    /// <summary>The handler the chain calls.</summary>
    public NotifierHandler<TEvent> Handler { get; }

    /// <summary>Higher runs first; equal priorities run in registration order.</summary>
    public int Priority { get; }

    /// <summary>The name reports and faults use for this handler.</summary>
    public string Name { get; }

    /// <summary>True until the registration has been removed from its chain.</summary>
    public bool IsRegistered => Volatile.Read(ref registered) == 1;

    object IChainEntry.HandlerIdentity => Handler;

    /// <summary>Unregisters and waits, without limit, until no walk can still call the handler.</summary>
    public void Dispose() => Unregister(Timeout.InfiniteTimeSpan);

    /// <summary>
    /// Unregisters at once (walks that start later do not see the handler) and waits at most
    /// <paramref name="timeout"/> for walks already in flight on other threads. Answers true when the
    /// grace period completed; false when it timed out, in which case a walk that began before this call
    /// may still be running the handler. A walk in progress on the calling thread itself (unregistering
    /// from inside a handler) is not waited for: it may still reach this handler if the handler comes
    /// later in the chain than the one running.
    /// </summary>
    public bool Unregister(TimeSpan timeout) => Chain.Unregister(this, timeout);

    internal bool MarkUnregistered() => Interlocked.Exchange(ref registered, 0) == 1;

    /// <inheritdoc />
    public override string ToString() => $"{Name} (priority {Priority})";
}
