namespace PanicPath.Notifiers;

/// <summary>
/// How a chain treats handlers that throw. The rule: an exception never escapes a call and never
/// stops the chain silently. It is caught, the handler's result counts as <see cref="NotifyResult.Bad"/>,
/// the fault goes to <see cref="FaultObserver"/> and into the call's summary, and the walk goes on with
/// the next handler unless <see cref="StopOnFault"/> is set.
/// </summary>
public sealed record NotifierChainOptions
{
    /// <summary>The options every chain has unless given others.</summary>
    public static NotifierChainOptions Default { get; } = new();

    /// <summary>
    /// When true, a handler that throws ends the walk (its <see cref="NotifyResult.Bad"/> result keeps
    /// the stop bit). When false, the default, the walk goes on with the next handler.
    /// </summary>
    public bool StopOnFault { get; init; }

    /// <summary>
    /// Called on the calling thread for every handler that throws, after the walk has recorded it.
    /// An exception thrown by the observer itself is swallowed: it must not break the walk.
    /// </summary>
    public Action<NotifierFault>? FaultObserver { get; init; }

    /// <summary>Hands <paramref name="fault"/> to the observer; what the observer throws is swallowed.</summary>
    internal void Observe(NotifierFault fault)
    {
        try
        {
            FaultObserver?.Invoke(fault);
        }
        catch (Exception)
        {
            // The observer must not break the walk it observes.
        }
    }
}
