namespace PanicPath.Exit;

/// <summary>
/// The exit codes the panic path ends a process with, for a supervisor, Kubernetes or systemd to read,
/// and the one rule that chooses between them (<see cref="For"/>):
/// <list type="bullet">
/// <item><see cref="Panic"/> (or <c>PanicOptions.ExitCode</c>): every step of the path had its chance
/// within the deadline. A step that overran its own budget (<c>timed-out</c>) does not change that.</item>
/// <item><see cref="DeadlineExceeded"/>: the path ran out of its deadline: a step was skipped or cut
/// short because the deadline passed, or the watchdog ended the process before the report was built.</item>
/// </list>
/// The report's <c>deadlineExceeded</c> and <c>exitCode</c> are decided together, once, when the report
/// is built, and the process exits with that code, whoever ends it. When the runtime's crash dump is
/// armed (<c>DOTNET_DbgEnableMiniDump=1</c>) the path ends with an abort instead, so that
/// <c>createdump</c> runs: the process then dies of SIGABRT (134 from a shell) on Unix, or with the
/// fail-fast code on Windows, and the report says 134.
/// </summary>
public static class PanicExitCodes
{
    /// <summary>The process panicked (including an escalated oops and a failed background service) and the path finished within its deadline. 70 is EX_SOFTWARE.</summary>
    public const int Panic = 70;

    /// <summary>The path ran out of its deadline: a step was skipped or cut short by it, or the watchdog ended the process.</summary>
    public const int DeadlineExceeded = 71;

    /// <summary>The exit code of a path: <see cref="DeadlineExceeded"/> when <paramref name="deadlineExceeded"/>, else <paramref name="panicExitCode"/>.</summary>
    public static int For(bool deadlineExceeded, int panicExitCode) => deadlineExceeded ? DeadlineExceeded : panicExitCode;
}
