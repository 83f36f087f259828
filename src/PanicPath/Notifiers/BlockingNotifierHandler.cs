namespace PanicPath.Notifiers;

/// <summary>
/// A handler on a <see cref="BlockingNotifierChain{TEvent}"/>: the kernel's blocking
/// <c>notifier_call</c>, which may sleep. It may await I/O, and should give up when
/// <paramref name="cancellationToken"/> fires.
/// </summary>
public delegate ValueTask<NotifyResult> BlockingNotifierHandler<in TEvent>(TEvent e, CancellationToken cancellationToken);
