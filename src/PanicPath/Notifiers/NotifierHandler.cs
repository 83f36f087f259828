namespace PanicPath.Notifiers;

/// <summary>
/// A handler on a <see cref="NotifierChain{TEvent}"/>: the kernel's <c>notifier_call</c>. It receives
/// the event by reference (no copy of a large struct), must not block, and answers a
/// <see cref="NotifyResult"/>.
/// </summary>
public delegate NotifyResult NotifierHandler<TEvent>(in TEvent e);
