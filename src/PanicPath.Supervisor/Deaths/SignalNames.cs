namespace PanicPath.Supervisor.Deaths;

/// <summary>
/// Linux signal numbers and names, and the convention that a process killed by signal N is seen with
/// exit code 128 + N (what <see cref="System.Diagnostics.Process.ExitCode"/> reports on Unix, and a shell).
/// An exit code in 129..192 is read as a signal death: a process that calls exit(137) itself cannot be
/// told apart from one killed by SIGKILL without the raw wait status.
/// </summary>
public static class SignalNames
{
    private static readonly Dictionary<int, string> Names = new()
    {
        [1] = "SIGHUP", [2] = "SIGINT", [3] = "SIGQUIT", [4] = "SIGILL", [5] = "SIGTRAP", [6] = "SIGABRT",
        [7] = "SIGBUS", [8] = "SIGFPE", [9] = "SIGKILL", [10] = "SIGUSR1", [11] = "SIGSEGV", [12] = "SIGUSR2",
        [13] = "SIGPIPE", [14] = "SIGALRM", [15] = "SIGTERM", [16] = "SIGSTKFLT", [17] = "SIGCHLD", [18] = "SIGCONT",
        [19] = "SIGSTOP", [20] = "SIGTSTP", [21] = "SIGTTIN", [22] = "SIGTTOU", [23] = "SIGURG", [24] = "SIGXCPU",
        [25] = "SIGXFSZ", [26] = "SIGVTALRM", [27] = "SIGPROF", [28] = "SIGWINCH", [29] = "SIGIO", [30] = "SIGPWR",
        [31] = "SIGSYS",
    };

    /// <summary>The exit code offset of a signal death.</summary>
    public const int ExitCodeOffset = 128;

    /// <summary>The signal number behind <paramref name="exitCode"/>, or null for an ordinary exit.</summary>
    public static int? FromExitCode(int exitCode) =>
        !OperatingSystem.IsWindows() && exitCode > ExitCodeOffset && exitCode <= ExitCodeOffset + 64 ? exitCode - ExitCodeOffset : null;

    /// <summary>The name of signal <paramref name="number"/> (<c>SIGSEGV</c>), or <c>SIG&lt;n&gt;</c> for a real-time one.</summary>
    public static string Name(int number) => Names.TryGetValue(number, out var name) ? name : $"SIG{number}";
}
