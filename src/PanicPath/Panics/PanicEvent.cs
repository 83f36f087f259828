using PanicPath.Lists;

namespace PanicPath.Panics;

/// <summary>
/// What every panic notifier receives: the kind, the reason, the exception if any, the list being
/// walked and the id of the thread that panicked. Passed by reference; a notifier must not keep it.
/// </summary>
public readonly record struct PanicEvent(PanicKind Kind, string Reason, Exception? Exception, PanicList List, int ThreadId);
