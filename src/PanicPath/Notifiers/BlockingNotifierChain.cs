namespace PanicPath.Notifiers;

/// <summary>
/// The kernel's blocking notifier chain, for events whose handlers may wait (orderly shutdown, reboot).
/// The same order as <see cref="NotifierChain{TEvent}"/>: higher priority first, equal priorities in
/// registration order, the same handler refused twice. Handlers run one after another, each awaited.
/// <para>
/// The same fault rule: an exception from a handler is caught, counts as <see cref="NotifyResult.Bad"/>,
/// goes to <see cref="NotifierChainOptions.FaultObserver"/> and the summary, and the walk goes on unless
/// <see cref="NotifierChainOptions.StopOnFault"/> is set. Cancellation is not a fault: when the token
/// fires the walk stops before the next handler and the call throws <see cref="OperationCanceledException"/>.
/// </para>
/// <para>
/// Unregistration waits for every call that started before it (the kernel takes the chain's rwsem for
/// writing), except a call in its own async flow, so a handler may unregister itself or another.
/// </para>
/// </summary>
public sealed class BlockingNotifierChain<TEvent>
{
    private readonly Lock gate = new();
    private readonly LinkedList<CallRecord> inFlight = new();
    private readonly AsyncLocal<CallRecord?> currentCall = new();
    private BlockingNotifierRegistration<TEvent>[] registrations = [];
    private TaskCompletionSource callEnded = NewSignal();
    private long callsStarted;

    /// <summary>Creates an empty chain named <paramref name="name"/>.</summary>
    public BlockingNotifierChain(string name, NotifierChainOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Options = options ?? NotifierChainOptions.Default;
    }

    /// <summary>The chain's name.</summary>
    public string Name { get; }

    /// <summary>How the chain treats handlers that throw.</summary>
    public NotifierChainOptions Options { get; }

    /// <summary>The registrations now on the chain, in the order a call runs them.</summary>
    public IReadOnlyList<BlockingNotifierRegistration<TEvent>> Registrations => Volatile.Read(ref registrations);

    /// <summary>Adds <paramref name="handler"/> with <paramref name="priority"/>, as <see cref="NotifierChain{TEvent}.Register"/>.</summary>
    /// <exception cref="InvalidOperationException">The same handler instance is already on the chain.</exception>
    public BlockingNotifierRegistration<TEvent> Register(BlockingNotifierHandler<TEvent> handler, int priority = 0, string? name = null) =>
        Add(handler, priority, name, uniquePriority: false);

    /// <summary>As <see cref="Register"/>, but refuses a priority another handler already has.</summary>
    /// <exception cref="InvalidOperationException">The handler is already registered or the priority is taken.</exception>
    public BlockingNotifierRegistration<TEvent> RegisterUniquePriority(BlockingNotifierHandler<TEvent> handler, int priority, string? name = null) =>
        Add(handler, priority, name, uniquePriority: true);

    /// <summary>Runs every handler in order with <paramref name="e"/> and answers the last result.</summary>
    public async ValueTask<NotifyResult> CallAsync(TEvent e, CancellationToken cancellationToken = default) =>
        (await CallAsync(e, -1, cancellationToken).ConfigureAwait(false)).Result;

    /// <summary>Runs at most <paramref name="maxCalls"/> handlers (negative: all) and reports the walk.</summary>
    public async ValueTask<NotifierCallSummary> CallAsync(TEvent e, int maxCalls, CancellationToken cancellationToken = default)
    {
        var node = EnterCall();
        try
        {
            var current = Volatile.Read(ref registrations);
            var limit = maxCalls < 0 ? current.Length : Math.Min(maxCalls, current.Length);
            var result = NotifyResult.Done;
            var faults = 0;
            NotifierFault? first = null;
            var i = 0;
            while (i < limit)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var registration = current[i++];
                try
                {
                    result = await registration.Handler(e, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception exception)
                {
                    var fault = new NotifierFault(registration.Name, registration.Priority, exception);
                    first ??= fault;
                    faults++;
                    Options.Observe(fault);
                    result = NotifyResult.Bad;
                    if (Options.StopOnFault)
                    {
                        break;
                    }

                    continue;
                }

                if (result.Stops())
                {
                    break;
                }
            }

            return new NotifierCallSummary(result, i, faults, first);
        }
        finally
        {
            ExitCall(node);
        }
    }

    internal async ValueTask<bool> UnregisterAsync(BlockingNotifierRegistration<TEvent> registration, TimeSpan timeout)
    {
        long mark;
        lock (gate)
        {
            if (!registration.MarkUnregistered())
            {
                return true;
            }

            registrations = PriorityOrder.Remove(registrations, registration) ?? registrations;
            mark = callsStarted;
        }

        var own = currentCall.Value;
        using var timer = timeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(timeout);
        while (true)
        {
            Task ended;
            lock (gate)
            {
                if (!HasEarlierCall(mark, own))
                {
                    return true;
                }

                ended = callEnded.Task;
            }

            try
            {
                await ended.WaitAsync(timer?.Token ?? CancellationToken.None).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    private BlockingNotifierRegistration<TEvent> Add(BlockingNotifierHandler<TEvent> handler, int priority, string? name, bool uniquePriority)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var registration = new BlockingNotifierRegistration<TEvent>(this, handler, priority, name ?? handler.Method.Name);
        lock (gate)
        {
            Volatile.Write(ref registrations, PriorityOrder.Insert(registrations, registration, uniquePriority, Name));
        }

        return registration;
    }

    private LinkedListNode<CallRecord> EnterCall()
    {
        LinkedListNode<CallRecord> node;
        lock (gate)
        {
            node = inFlight.AddLast(new CallRecord(++callsStarted, currentCall.Value));
        }

        currentCall.Value = node.Value;
        return node;
    }

    private void ExitCall(LinkedListNode<CallRecord> node)
    {
        TaskCompletionSource ended;
        lock (gate)
        {
            inFlight.Remove(node);
            ended = callEnded;
            callEnded = NewSignal();
        }

        ended.TrySetResult();
    }

    private bool HasEarlierCall(long mark, CallRecord? own)
    {
        foreach (var call in inFlight)
        {
            if (call.Sequence > mark)
            {
                return false;
            }

            if (!IsAncestorOrSelf(call, own))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAncestorOrSelf(CallRecord call, CallRecord? own)
    {
        for (var at = own; at is not null; at = at.Parent)
        {
            if (ReferenceEquals(at, call))
            {
                return true;
            }
        }

        return false;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record CallRecord(long Sequence, CallRecord? Parent);
}
