namespace PanicPath.Model.Conformance.Oracle;

/// <summary>What a second CPU does with <c>ppo_lock</c> when the fatal path starts (the module's <c>holder</c>).</summary>
public enum LockHolder
{
    /// <summary>No second CPU; the lock is free.</summary>
    None,

    /// <summary>
    /// <c>holder=1</c>: CPU 1 took the lock with interrupts on and never releases it (a CPU stuck in its
    /// critical section); the model's fault <c>stopped-cpu-holds</c>.
    /// </summary>
    Stuck,

    /// <summary>
    /// <c>holder=2</c>: CPU 1 is inside 50 ms interrupts-off critical sections back to back (a CPU inside a
    /// ring buffer); the model's fault <c>cpu-in-critical-section</c>.
    /// </summary>
    InCriticalSection,
}
