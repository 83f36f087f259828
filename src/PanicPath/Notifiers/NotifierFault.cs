namespace PanicPath.Notifiers;

/// <summary>
/// A handler that threw during a call: which registration (name and priority), and the exception.
/// Handed to <see cref="NotifierChainOptions.FaultObserver"/> as it happens and kept, for the first
/// fault of a call, in <see cref="NotifierCallSummary.FirstFault"/>.
/// </summary>
public readonly record struct NotifierFault(string Name, int Priority, Exception Exception);
