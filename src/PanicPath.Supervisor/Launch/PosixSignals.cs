using System.Runtime.InteropServices;

namespace PanicPath.Supervisor.Launch;

/// <summary>
/// Signal numbers the supervisor forwards, and sending a signal to one process by its exact id (libc
/// <c>kill</c>); Unix only. HUP, INT, QUIT, TERM and WINCH have the same numbers on Linux and macOS; USR1
/// and USR2 differ.
/// </summary>
internal static partial class PosixSignals
{
    internal const int SigHup = 1;
    internal const int SigInt = 2;
    internal const int SigQuit = 3;
    internal const int SigKill = 9;
    internal const int SigTerm = 15;
    internal const int SigWinch = 28;

    internal static int SigUsr1 => OperatingSystem.IsLinux() ? 10 : 30;

    internal static int SigUsr2 => OperatingSystem.IsLinux() ? 12 : 31;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; answers false when it could not.</summary>
    internal static bool Send(int pid, int signal) => !OperatingSystem.IsWindows() && pid > 0 && Kill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
