namespace PanicPath.Notifiers;

/// <summary>
/// The outcome of one walk of a chain: the last handler's result (the kernel's return value), how many
/// handlers were called (the kernel's <c>nr_calls</c>), how many of them threw, and the first of those
/// faults. A value type: reading it allocates nothing.
/// </summary>
public readonly record struct NotifierCallSummary(
    NotifyResult Result,
    int Calls,
    int Faults,
    NotifierFault? FirstFault)
{
    /// <summary>True when the walk ended on a result with the stop bit set.</summary>
    public bool Stopped => Result.Stops();
}
