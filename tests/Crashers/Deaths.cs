using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Crashers;

/// <summary>
/// Each death, without PanicPath: the runtime's own unhandled-exception handling, fail-fast, stack
/// overflow, a native fault, SIGKILL, a plain exit code and a hang.
/// </summary>
internal static unsafe partial class Deaths
{
    private const int SigKill = 9;

    /// <summary>An exception escapes a thread; the runtime prints it and aborts.</summary>
    public static void Unhandled()
    {
        var thread = new Thread(() => Throw());
        thread.Start();
        thread.Join();
    }

    /// <summary>
    /// <paramref name="count"/> threads released together by a barrier, each letting the same exception
    /// escape: the process dies of whichever the runtime reports first.
    /// </summary>
    public static void UnhandledOnThreads(int count)
    {
        using var barrier = new Barrier(count);
        var threads = Enumerable.Range(0, count).Select(_ => new Thread(() =>
        {
            barrier.SignalAndWait();
            Throw();
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    }

    /// <summary><see cref="Environment.FailFast(string)"/>: no handler runs.</summary>
    public static void FailFast() => Environment.FailFast("crasher fail-fast");

    /// <summary>Unbounded recursion on a thread with a small stack.</summary>
    public static void StackOverflow()
    {
        var thread = new Thread(() => Recurse(0), 256 * 1024);
        thread.Start();
        thread.Join();
    }

    /// <summary>
    /// A write to an unmapped address from native code (libc <c>memset</c>): a genuine SIGSEGV. The
    /// same write from managed code would be turned into a fatal AccessViolationException and an abort.
    /// </summary>
    public static void Segv() => _ = MemSet(new IntPtr(0x10), 42, 4);

    /// <summary>kill(getpid(), SIGKILL): nothing in the process runs after it.</summary>
    public static void KillSelf() => _ = Kill(Environment.ProcessId, SigKill);

    /// <summary>Sleeps for ever.</summary>
    public static void Hang() => Thread.Sleep(Timeout.Infinite);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw() => throw new InvalidOperationException("crasher unhandled");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Recurse(int depth)
    {
        Span<byte> frame = stackalloc byte[256];
        frame[depth % 256] = (byte)depth;
        return Recurse(depth + 1) + frame[0];
    }

    [LibraryImport("libc", EntryPoint = "memset")]
    private static partial IntPtr MemSet(IntPtr destination, int value, nuint count);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
