using System.Diagnostics.CodeAnalysis;
using System.Text;
using PanicPath.Exit;

namespace PanicPath.Panics;

/// <summary>
/// The process-wide entry points: <see cref="Now"/> (panic, never returns), <see cref="Oops"/> and
/// <see cref="Warn"/>, all delegating to the installed <see cref="PanicRuntime"/>. Without an installed
/// runtime, a panic still keeps the entry rule (first thread wins, others park), writes its reason to
/// standard error and exits with <see cref="PanicExitCodes.Panic"/>; an oops or warning is ignored.
/// </summary>
public static class Panic
{
    private static int fallbackOwner;

    /// <summary>True while a panic is running in the installed runtime.</summary>
    public static bool InProgress => PanicRuntime.Current?.PanicInProgress ?? Volatile.Read(ref fallbackOwner) != 0;

    /// <summary>
    /// Panics: the first thread runs the path and ends the process; other threads park; a panic inside
    /// a notifier abandons that notifier only. Never returns.
    /// </summary>
    [DoesNotReturn]
    public static void Now(string reason, Exception? exception = null)
    {
        if (Watchdog.PathExecutor.Current is { Busy: true } executor)
        {
            // Nested: raised by a notifier the path is running, whichever runtime runs it.
            executor.AbandonForNestedPanic(reason, exception);
        }

        // Nested, raised by a step the panicking thread runs inline, whichever runtime runs it.
        PanicRun.AbandonIfInsideStep(reason, exception);

        if (PanicRuntime.Current is { } runtime)
        {
            runtime.Panic(PanicKind.Panic, reason, exception);
        }

        if (Interlocked.CompareExchange(ref fallbackOwner, 1, 0) != 0)
        {
            while (true)
            {
                Thread.Sleep(Timeout.Infinite);
            }
        }

        try
        {
            using var error = Console.OpenStandardError();
            error.Write(Encoding.UTF8.GetBytes($"panic: {reason} (no PanicRuntime installed)\n"));
        }
        catch (Exception)
        {
            // Exit regardless.
        }

        NativeExit.Now(PanicExitCodes.Panic);
    }

    /// <summary>An oops in one unit of work; see <see cref="PanicRuntime.Oops"/>.</summary>
    public static void Oops(string reason, Exception? exception = null, string? unit = null) =>
        PanicRuntime.Current?.Oops(reason, exception, unit);

    /// <summary>A warning; see <see cref="PanicRuntime.Warn"/>.</summary>
    public static void Warn(string reason) => PanicRuntime.Current?.Warn(reason);
}
