namespace PanicPath.Model.Kernel;

/// <summary>
/// Where a run of the model ends. The first four are boundaries where invariants about state are checked;
/// <see cref="Hang"/> is a run that never gets there (a spin on a lock that is never released, a wait
/// that never ends, a callback that never returns).
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

    /// <summary>The run never reached a boundary.</summary>
    Hang,
}
