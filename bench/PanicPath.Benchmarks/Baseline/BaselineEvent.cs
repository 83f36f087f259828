// Frozen with BaselineMachine (commit 984ad30346d7d2c7b74544e55d17364e410a0b83): the baseline of the profile
// interpreter's throughput. Do not change it except to keep it compiling.
using PanicPath.Model.Kernel;

namespace PanicPath.Benchmarks.Baseline;

/// <summary>
/// The frozen copy of <c>KernelEvent</c>: what the baseline machine passes down a chain: the machine that runs the
/// callbacks, the chain, the event code (<c>PANIC</c>, <c>DIE_OOPS</c>, …, as a symbol) and for kmsg dumpers the reason.
/// </summary>
public readonly record struct BaselineEvent(BaselineMachine Machine, ChainKind Chain, int Event, KmsgReason Reason);
