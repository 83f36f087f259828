using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace PanicPath.Exit;

/// <summary>
/// Ends the process at once with an exit code, without running ProcessExit handlers or taking the
/// runtime's shutdown lock, so a concurrent <c>Environment.Exit</c> (parked by the path) cannot block
/// it: libc <c>_exit</c> on Unix, <c>TerminateProcess</c> on Windows. Standard output and error are
/// unbuffered console streams, so what was written is already out.
/// </summary>
internal static partial class NativeExit
{
    [DoesNotReturn]
    internal static void Now(int code)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                TerminateProcess(GetCurrentProcess(), (uint)code);
            }
            else
            {
                UnixExit(code);
            }
        }
        catch (Exception)
        {
            // Fall through to the managed exit below.
        }

        Environment.Exit(code);
        throw new InvalidOperationException("unreachable");
    }

    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void UnixExit(int status);

    [DllImport("kernel32")]
    private static extern nint GetCurrentProcess();

    [DllImport("kernel32")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool TerminateProcess(nint process, uint exitCode);
}
