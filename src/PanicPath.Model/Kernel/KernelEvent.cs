namespace PanicPath.Model.Kernel;

/// <summary>
/// What the model passes down a chain: the machine that runs the callbacks, the chain, the event code
/// (<c>PANIC</c>, <c>DIE_OOPS</c>, …, as a symbol) and for kmsg dumpers the reason.
/// </summary>
public readonly record struct KernelEvent(Machine Machine, ChainKind Chain, int Event, KmsgReason Reason);
