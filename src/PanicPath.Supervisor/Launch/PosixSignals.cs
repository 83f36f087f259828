using System.Runtime.InteropServices;

namespace PanicPath.Supervisor.Launch;

/// <summary>Sends a signal to one process by its exact id (libc <c>kill</c>); Unix only.</summary>
internal static partial class PosixSignals
{
    internal const int SigInt = 2;
    internal const int SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; answers false when it could not.</summary>
    internal static bool Send(int pid, int signal) => !OperatingSystem.IsWindows() && pid > 0 && Kill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
