using System.Runtime.CompilerServices;

namespace PanicPath.Notifiers;

/// <summary>
/// The kernel's atomic notifier chain. Handlers run in priority order, higher first, equal
/// priorities in registration order. A call walks the handlers of one snapshot of the chain, ends on a
/// result with the stop bit or after a given number of calls, and answers the last result.
/// <para>
/// Calls take no lock and allocate nothing. Registration and unregistration may run on other threads
/// at the same time: they publish a new snapshot and never change one a walk may be reading. When an
/// unregistration returns, no walk can still call that handler: it waits for the walks in flight, as
/// the kernel waits for an RCU grace period. Unregistering from inside a handler (of any chain) does not
/// deadlock: it removes the handler for later walks and leaves the grace period pending instead of
/// waiting (see <see cref="NotifierRegistration{TEvent}.Unregister"/>).
/// </para>
/// <para>
/// A handler that throws costs its own step only: the exception is caught, the step's result counts as
/// <see cref="NotifyResult.Bad"/>, the fault is reported to <see cref="NotifierChainOptions.FaultObserver"/>
/// and in the call's <see cref="NotifierCallSummary"/>, and the walk goes on unless
/// <see cref="NotifierChainOptions.StopOnFault"/> is set.
/// </para>
/// </summary>
public sealed class NotifierChain<TEvent>
{
    private readonly Lock writerGate = new();
    private Snapshot snapshot = Snapshot.Empty;

    /// <summary>Creates an empty chain named <paramref name="name"/> (used in errors and reports).</summary>
    public NotifierChain(string name, NotifierChainOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Options = options ?? NotifierChainOptions.Default;
    }

    /// <summary>The chain's name.</summary>
    public string Name { get; }

    /// <summary>How the chain treats handlers that throw.</summary>
    public NotifierChainOptions Options { get; }

    /// <summary>How many handlers are registered now.</summary>
    public int Count => Volatile.Read(ref snapshot).Handlers.Length;

    /// <summary>The registrations now on the chain, in the order a call runs them.</summary>
    public IReadOnlyList<NotifierRegistration<TEvent>> Registrations => Volatile.Read(ref snapshot).Registrations;

    /// <summary>
    /// The registrations of the current snapshot in call order, for a walk that must stop and resume
    /// on another thread over the same snapshot (the panic path). Load it inside a read section
    /// (<see cref="ReadSide.Enter"/>), keep a section open while calling from it, and never change it.
    /// </summary>
    internal NotifierRegistration<TEvent>[] CurrentRegistrations => Volatile.Read(ref snapshot).Registrations;

    /// <summary>
    /// Adds <paramref name="handler"/> with <paramref name="priority"/>: after every handler of higher or
    /// equal priority, before every handler of lower priority.
    /// </summary>
    /// <exception cref="InvalidOperationException">The same handler instance is already on the chain.</exception>
    public NotifierRegistration<TEvent> Register(NotifierHandler<TEvent> handler, int priority = 0, string? name = null) =>
        Add(handler, priority, name, uniquePriority: false);

    /// <summary>
    /// As <see cref="Register"/>, but refuses a priority another handler already has (the kernel's
    /// <c>atomic_notifier_chain_register_unique_prio</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The handler is already registered or the priority is taken.</exception>
    public NotifierRegistration<TEvent> RegisterUniquePriority(NotifierHandler<TEvent> handler, int priority, string? name = null) =>
        Add(handler, priority, name, uniquePriority: true);

    /// <summary>Walks the whole chain with <paramref name="e"/> and answers the last handler's result.</summary>
    public NotifyResult Call(in TEvent e)
    {
        // The hot path, kept to one method with one protected region: a fault leaves it for the slow
        // path, which finishes the walk. Nothing below can throw past the catch but an exception raised
        // by the slow path's own bookkeeping, and the finally closes the section even then.
        var section = ReadSide.Enter();
        var current = Volatile.Read(ref snapshot);
        var handlers = current.Handlers;
        var result = NotifyResult.Done;
        var i = 0;
        try
        {
            for (; i < handlers.Length; i++)
            {
                result = handlers[i](in e);
                if ((result & NotifyResult.StopMask) != 0)
                {
                    break;
                }
            }
        }
        catch (Exception exception)
        {
            result = new FaultRule(Options).ContinueAfterFault(current, in e, i, handlers.Length, exception).Result;
        }
        finally
        {
            ReadSide.Exit(section);
        }

        return result;
    }

    /// <summary>
    /// Walks at most <paramref name="maxCalls"/> handlers (negative: all), the kernel's
    /// <c>nr_to_call</c>, and reports how many ran (<c>nr_calls</c>), how many threw, and the last result.
    /// </summary>
    public NotifierCallSummary Call(in TEvent e, int maxCalls) =>
        Walk(new FaultRule(Options), in e, maxCalls < 0 ? int.MaxValue : maxCalls);

    /// <summary>
    /// Walks the chain with the same rules, letting <paramref name="invoker"/> call each handler (to time
    /// it, run it under a budget or trace it). Exceptions that escape the invoker escape the call.
    /// </summary>
    public NotifierCallSummary Call<TInvoker>(in TEvent e, ref TInvoker invoker, int maxCalls = -1)
        where TInvoker : INotifierInvoker<TEvent>
    {
        var section = ReadSide.Enter();
        try
        {
            var current = Volatile.Read(ref snapshot);
            var registrations = current.Registrations;
            var limit = maxCalls < 0 ? registrations.Length : Math.Min(maxCalls, registrations.Length);
            var result = NotifyResult.Done;
            var i = 0;
            while (i < limit)
            {
                result = invoker.Invoke(registrations[i], in e);
                i++;
                if (result.Stops())
                {
                    break;
                }
            }

            return new NotifierCallSummary(result, i, 0, null);
        }
        finally
        {
            ReadSide.Exit(section);
        }
    }

    /// <summary>
    /// The kernel's robust call: walks the chain with <paramref name="up"/>; when a handler stops the walk
    /// (a veto, or a throw, which here always stops), the handlers called before it receive
    /// <paramref name="down"/> so they can undo, in <paramref name="order"/>. Answers the summary of the up
    /// walk. Faults in the down walk go to the fault observer and do not stop it.
    /// </summary>
    public NotifierCallSummary CallRobust(in TEvent up, in TEvent down, RollbackOrder order = RollbackOrder.Reverse)
    {
        var section = ReadSide.Enter();
        try
        {
            var current = Volatile.Read(ref snapshot);
            var summary = WalkSnapshot(current, new FaultRule(Options, stopOnFault: true), in up, int.MaxValue);
            if (summary.Stopped && summary.Calls > 1)
            {
                RollBack(current, in down, summary.Calls - 1, order);
            }

            return summary;
        }
        finally
        {
            ReadSide.Exit(section);
        }
    }

    internal bool Unregister(NotifierRegistration<TEvent> registration, TimeSpan timeout)
    {
        lock (writerGate)
        {
            if (registration.MarkRemoved())
            {
                Volatile.Write(ref snapshot, new Snapshot(PriorityOrder.Remove(snapshot.Registrations, registration)!));
            }
        }

        if (registration.GraceCompleted)
        {
            return true;
        }

        if (ReadSide.InsideSection || !ReadSide.WaitForReaders(timeout))
        {
            return false;
        }

        registration.MarkGraceCompleted();
        return true;
    }

    private NotifierRegistration<TEvent> Add(NotifierHandler<TEvent> handler, int priority, string? name, bool uniquePriority)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var registration = new NotifierRegistration<TEvent>(this, handler, priority, name ?? Describe(handler));
        lock (writerGate)
        {
            var grown = PriorityOrder.Insert(snapshot.Registrations, registration, uniquePriority, Name);
            Volatile.Write(ref snapshot, new Snapshot(grown));
        }

        return registration;
    }

    private static string Describe(NotifierHandler<TEvent> handler)
    {
        var method = handler.Method;
        return method.DeclaringType is { } type ? $"{type.Name}.{method.Name}" : method.Name;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private NotifierCallSummary Walk(FaultRule step, in TEvent e, int maxCalls)
    {
        var section = ReadSide.Enter();
        try
        {
            return WalkSnapshot(Volatile.Read(ref snapshot), step, in e, maxCalls);
        }
        finally
        {
            ReadSide.Exit(section);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static NotifierCallSummary WalkSnapshot(Snapshot current, FaultRule step, in TEvent e, int maxCalls)
    {
        var handlers = current.Handlers;
        var limit = Math.Min(maxCalls, handlers.Length);
        var result = NotifyResult.Done;
        var i = 0;
        try
        {
            for (; i < limit; i++)
            {
                result = handlers[i](in e);
                if ((result & NotifyResult.StopMask) != 0)
                {
                    return new NotifierCallSummary(result, i + 1, 0, null);
                }
            }

            return new NotifierCallSummary(result, i, 0, null);
        }
        catch (Exception exception)
        {
            return step.ContinueAfterFault(current, in e, i, limit, exception);
        }
    }

    private void RollBack(Snapshot current, in TEvent down, int count, RollbackOrder order)
    {
        for (var n = 0; n < count; n++)
        {
            var i = order == RollbackOrder.Reverse ? count - 1 - n : n;
            try
            {
                current.Handlers[i](in down);
            }
            catch (Exception exception)
            {
                Report(Options, current.Registrations[i], exception);
            }
        }
    }

    private static NotifierFault Report(NotifierChainOptions options, NotifierRegistration<TEvent> registration, Exception exception)
    {
        var fault = new NotifierFault(registration.Name, registration.Priority, exception);
        options.Observe(fault);
        return fault;
    }

    /// <summary>What a walk does after a handler threw: record it, then go on one guarded step at a time, or stop.</summary>
    private readonly struct FaultRule(NotifierChainOptions options, bool stopOnFault = false)
    {
        private readonly bool stops = stopOnFault || options.StopOnFault;

        [MethodImpl(MethodImplOptions.NoInlining)]
        internal NotifierCallSummary ContinueAfterFault(Snapshot current, in TEvent e, int faulted, int limit, Exception exception)
        {
            var first = Report(options, current.Registrations[faulted], exception);
            var faults = 1;
            var result = NotifyResult.Bad;
            var i = faulted + 1;
            while (!stops && i < limit)
            {
                try
                {
                    result = current.Handlers[i](in e);
                }
                catch (Exception next)
                {
                    Report(options, current.Registrations[i], next);
                    faults++;
                    result = NotifyResult.Bad;
                    i++;
                    continue;
                }

                i++;
                if (result.Stops())
                {
                    break;
                }
            }

            return new NotifierCallSummary(result, i, faults, first);
        }
    }

    /// <summary>One immutable state of the chain: registrations in call order and their handlers.</summary>
    private sealed class Snapshot
    {
        internal static readonly Snapshot Empty = new([]);

        internal Snapshot(NotifierRegistration<TEvent>[] registrations)
        {
            Registrations = registrations;
            Handlers = Array.ConvertAll(registrations, r => r.Handler);
        }

        internal NotifierRegistration<TEvent>[] Registrations { get; }

        internal NotifierHandler<TEvent>[] Handlers { get; }
    }
}
