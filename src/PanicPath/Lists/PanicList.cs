namespace PanicPath.Lists;

/// <summary>
/// The four notifier lists of the panic path, in the order they run (the split that the kernel's panic
/// notifier series proposed). Each list is a <see cref="Notifiers.NotifierChain{TEvent}"/>: higher
/// priority first, equal priorities in registration order, a result with the stop bit ends that list only.
/// </summary>
public enum PanicList
{
    /// <summary>
    /// Tell the outside world the process is dying (mark unhealthy, notify a supervisor). Low risk,
    /// runs first. Kernel twin: the <c>hypervisor</c> list.
    /// </summary>
    Supervisor,

    /// <summary>
    /// Add information to the record (state dumps, counters) without tearing anything down. Kernel
    /// twin: the <c>info</c> list. The log dump follows this list.
    /// </summary>
    Information,

    /// <summary>
    /// Risky teardown: flush buffered telemetry, close connections, release leases. Kernel twin: the
    /// <c>pre_reboot</c> list.
    /// </summary>
    Teardown,

    /// <summary>
    /// The last word before exit, for what must happen after every teardown. Kernel twin: the
    /// <c>post_reboot</c> list.
    /// </summary>
    Final,
}
