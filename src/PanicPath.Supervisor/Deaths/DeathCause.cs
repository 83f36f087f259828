namespace PanicPath.Supervisor.Deaths;

/// <summary>
/// The causes a death record can carry, as the strings the store and the JSON output use. Exactly one
/// applies to each death; <see cref="DeathClassifier"/> decides which. A record of cause
/// <see cref="CleanExit"/> is a run that ended cleanly rather than a death.
/// </summary>
public static class DeathCause
{
    /// <summary>An exception no handler caught: the runtime's own handling, or PanicPath's report of one.</summary>
    public const string UnhandledException = "unhandled-exception";

    /// <summary>An oops that PanicPath escalated to a panic (PanicOnOops, a failed background service).</summary>
    public const string OopsPanic = "oops-panic";

    /// <summary>Any other PanicPath panic (<c>Panic.Now</c>, PanicOnWarn).</summary>
    public const string Panic = "panic";

    /// <summary><c>Environment.FailFast</c>.</summary>
    public const string FailFast = "failfast";

    /// <summary>The runtime found a stack overflow.</summary>
    public const string StackOverflow = "stack-overflow";

    /// <summary>Killed by a signal, with no managed explanation (a native fault, SIGKILL, SIGTERM).</summary>
    public const string Signal = "signal";

    /// <summary>The process exited by itself with an exit code.</summary>
    public const string ExitCode = "exit-code";

    /// <summary>Reserved: the process stopped sending heartbeats and the watchdog ended it.</summary>
    public const string Hang = "hang";

    /// <summary>
    /// Not a death: the process exited by itself with code 0 and left no report. Stored as a run that
    /// ended cleanly, counted in no bucket, listed only on request; not among <see cref="All"/>.
    /// </summary>
    public const string CleanExit = "clean-exit";

    /// <summary>Every cause, in the order above.</summary>
    public static readonly IReadOnlyList<string> All = [UnhandledException, OopsPanic, Panic, FailFast, StackOverflow, Signal, ExitCode, Hang];
}
