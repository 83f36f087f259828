namespace PanicPath.Panics;

/// <summary>What killed the process: a panic, or an oops that escalated to one (the report's <c>kind</c>).</summary>
public enum PanicKind
{
    /// <summary>A panic: <see cref="Panic.Now"/>, an unhandled exception, a warning under PanicOnWarn.</summary>
    Panic,

    /// <summary>An oops escalated to a panic by PanicOnOops or by a failed background service.</summary>
    Oops,
}
