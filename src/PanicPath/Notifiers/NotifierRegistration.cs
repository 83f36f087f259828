namespace PanicPath.Notifiers;

/// <summary>
/// One handler's place on a <see cref="NotifierChain{TEvent}"/>: the kernel's <c>notifier_block</c>
/// once registered. Disposing it unregisters the handler and returns only when no walk in flight can
/// still call it (the kernel's <c>synchronize_rcu</c>). Disposal is idempotent. A registration is
/// single-use: to put the handler back, register it again.
/// </summary>
public sealed class NotifierRegistration<TEvent> : IDisposable, IChainEntry
{
    private const int Registered = 2;
    private const int GracePending = 1;
    private const int Gone = 0;

    private int state = Registered;

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

    /// <summary>
    /// What its owner registered this handler as (the panic runtime: its <c>PanicNotifier</c>), set once
    /// at registration, so the panic path finds a step's budget without a lookup; null for a plain handler.
    /// </summary>
    internal object? Descriptor { get; set; }

    /// <summary>True until the registration has been removed from its chain.</summary>
    public bool IsRegistered => Volatile.Read(ref state) == Registered;

    object IChainEntry.HandlerIdentity => Handler;

    /// <summary>Unregisters and waits, without limit, until no walk can still call the handler.</summary>
    public void Dispose() => Unregister(Timeout.InfiniteTimeSpan);

    /// <summary>
    /// Unregisters at once (walks that start later do not see the handler), then waits at most
    /// <paramref name="timeout"/> for the walks already in flight. Answers true when that grace period
    /// completed: no walk can call the handler any more. Answers false when it timed out, or when the
    /// calling thread is itself inside a walk (a handler unregistering itself or another): there nothing
    /// is waited for, since the walks waited for could be waiting for this one, and walks in flight, this
    /// thread's included, may still reach the handler. Calling again from outside any walk completes a
    /// grace period left pending.
    /// </summary>
    public bool Unregister(TimeSpan timeout) => Chain.Unregister(this, timeout);

    /// <summary>Moves from registered to grace-pending; answers false when already removed.</summary>
    internal bool MarkRemoved() => Interlocked.CompareExchange(ref state, GracePending, Registered) == Registered;

    /// <summary>True when a grace period has already completed since the removal.</summary>
    internal bool GraceCompleted => Volatile.Read(ref state) == Gone;

    internal void MarkGraceCompleted() => Volatile.Write(ref state, Gone);

    /// <inheritdoc />
    public override string ToString() => $"{Name} (priority {Priority})";
}
