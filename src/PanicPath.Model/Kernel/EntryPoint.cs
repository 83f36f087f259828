namespace PanicPath.Model.Kernel;

/// <summary>How a run enters the kernel's fatal-error path.</summary>
public enum EntryPoint
{
    /// <summary>A direct call of <c>panic()</c>.</summary>
    Panic,

    /// <summary>An oops: <c>die()</c>, the die chain with <c>DIE_OOPS</c>, then maybe panic or <c>make_task_dead</c>.</summary>
    Oops,

    /// <summary>A <c>WARN()</c>: <c>__warn()</c> and <c>check_panic_on_warn()</c>.</summary>
    Warn,

    /// <summary>An NMI handler (hard lockup, unknown NMI) calling <c>nmi_panic()</c>.</summary>
    Nmi,
}
