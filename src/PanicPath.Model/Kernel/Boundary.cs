namespace PanicPath.Model.Kernel;

/// <summary>
/// Where a run of the model ends. The kernel's own ends and the host's (the hypervisor ends the VM: at the
/// guest's request, <c>hypercall:</c>, or as a reaction declared under <c>host:</c>) are boundaries where
/// invariants about state are checked; <see cref="Hang"/> is a run that never gets to one (a spin on a lock
/// that is never released, a wait that never ends, a callback that never returns).
/// </summary>
public enum Boundary
{
    /// <summary>The crash kernel boots (kdump).</summary>
    CrashKernelBoot,

    /// <summary>The emergency restart after the panic timeout.</summary>
    Restart,

    /// <summary>The end of <c>panic()</c> with no timeout: the CPU halts in its final loop.</summary>
    EndOfPanic,

    /// <summary>An oops that did not escalate: the offending task dies, the kernel goes on.</summary>
    EndOfOops,

    /// <summary>A warning that did not escalate (<c>panic_on_warn</c> off): the kernel goes on.</summary>
    EndOfWarn,

    /// <summary>The host stops the VM (a crash hypercall such as Xen's <c>SHUTDOWN_crash</c>, a reaction <c>stop</c>).</summary>
    HostStop,

    /// <summary>The host resets the VM (a reset hypercall, a reaction <c>reset</c>).</summary>
    HostReset,

    /// <summary>The host pauses the VM where it is (a reaction <c>pause</c>, as QEMU's <c>-action panic=pause</c>).</summary>
    HostPause,

    /// <summary>The run never reached a boundary.</summary>
    Hang,
}
