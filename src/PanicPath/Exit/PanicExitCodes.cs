namespace PanicPath.Exit;

/// <summary>
/// The exit codes the panic path ends a process with, for a supervisor, Kubernetes or systemd to read.
/// When the runtime's crash dump is armed (<c>DOTNET_DbgEnableMiniDump=1</c>) the path ends with an
/// abort instead, so that <c>createdump</c> runs: the process then dies of SIGABRT (134 from a shell)
/// on Unix, or with the fail-fast code on Windows.
/// </summary>
public static class PanicExitCodes
{
    /// <summary>The process panicked (including an escalated oops and a failed background service). 70 is EX_SOFTWARE.</summary>
    public const int Panic = 70;

    /// <summary>The path overran its deadline and the watchdog ended the process.</summary>
    public const int DeadlineExceeded = 71;
}
