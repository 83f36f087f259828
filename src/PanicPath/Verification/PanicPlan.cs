using PanicPath.Dumps;
using PanicPath.Lists;

namespace PanicPath.Verification;

/// <summary>
/// What the plan verifier checks: the panic notifiers (each with list, priority, needs, releases and
/// skip condition) and the crash-shutdown hooks. Notifiers of one list run by priority, higher first,
/// equal priorities in the order given here (registration order).
/// </summary>
public sealed record PanicPlan(IReadOnlyList<PanicNotifier> Notifiers, IReadOnlyList<CrashShutdownHook> Hooks);
