namespace PanicPath.Model.Scenarios;

/// <summary>The faults the explorer can inject into a run.</summary>
public enum FaultKind
{
    /// <summary>No fault.</summary>
    None,

    /// <summary>
    /// Another CPU holds a lock when the run starts and never leaves its critical section (it is stuck there,
    /// interrupts off): no stop makes it release the lock, which stays held for ever.
    /// </summary>
    StoppedCpuHolds,

    /// <summary>
    /// Another CPU is inside a short interrupts-off critical section of a lock when the run starts: an IPI stop
    /// reaches it once it has left the section (the lock is free), an NMI stop (x86 <c>crash_smp_send_stop</c>)
    /// stops it inside, holding the lock for ever.
    /// </summary>
    CpuInCriticalSection,

    /// <summary>A second CPU calls <c>panic()</c> while the first is in it, and stops itself.</summary>
    SecondCpuPanics,

    /// <summary>A callback panics (a nested panic on the panicking CPU) when it has done its actions.</summary>
    PanicIn,
}
