namespace PanicPath.Notifiers;

/// <summary>
/// Calls one handler on behalf of a walk, so that a caller can wrap each call (time it, run it under a
/// budget, trace it) while the chain keeps the walk's rules: order, stop bit, call limit, and the
/// guarantee that an unregistered handler is not called once its unregistration has returned.
/// Implement it on a struct to keep the walk free of allocation. The invoker owns exceptions: what
/// escapes <see cref="Invoke"/> escapes the walk.
/// </summary>
public interface INotifierInvoker<TEvent>
{
    /// <summary>Calls <paramref name="registration"/>'s handler with the event and answers its result.</summary>
    NotifyResult Invoke(NotifierRegistration<TEvent> registration, in TEvent e);
}
