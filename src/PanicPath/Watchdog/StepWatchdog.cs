using System.Diagnostics;

namespace PanicPath.Watchdog;

/// <summary>
/// Watches the budget of the step the panicking thread runs itself. One thread, started at install,
/// looks every poll interval whether a path is armed, so that arming it is one store and wakes no
/// thread (a wake-up on the panicking thread's way costs more than the whole inline walk); while a
/// path is armed it reads the step the walker published and sleeps until that step's expiry. A step
/// still running at its expiry is claimed: the watchdog calls the overrun action, which moves the rest
/// of the path to another thread, and goes back to polling. An overrun is therefore noticed at most
/// one poll interval after the step's expiry.
/// <para>
/// The walker publishes a step with <see cref="Enter"/> (its expiry, then a fresh token with release
/// semantics, so whatever the walker wrote before is visible to whoever claims the step) and ends it
/// with <see cref="TryLeave"/>. The token is the step's one owner: ending it and claiming it are
/// compare-and-swaps on the same word, so exactly one of "the step returned in time" and "the step
/// overran" wins. A walker whose <see cref="TryLeave"/> fails has lost the path and must not touch it
/// again. The walker pays two plain stores and one compare-and-swap per step; no system call.
/// </para>
/// </summary>
internal sealed class StepWatchdog
{
    private const long NoStep = 0;
    private const long Claimed = -1;

    private readonly TimeSpan poll;
    private readonly Action onOverrun;
    private long token;
    private long expiry;
    private long issued;
    private int armed;

    /// <summary>
    /// Starts the watchdog thread, named <c>panicpath-step-watchdog</c>, looking for an armed path every
    /// <paramref name="poll"/>; <paramref name="onOverrun"/> runs on it after a claim.
    /// </summary>
    internal StepWatchdog(TimeSpan poll, Action onOverrun)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(poll, TimeSpan.Zero);
        this.poll = poll;
        this.onOverrun = onOverrun;
        new Thread(Loop) { IsBackground = true, Name = "panicpath-step-watchdog" }.Start();
    }

    /// <summary>A path starts: watch its steps from the next poll on.</summary>
    internal void Arm() => Volatile.Write(ref armed, 1);

    /// <summary>The poll interval for a path whose steps' budget is <paramref name="budget"/>: a quarter of it, between 10 and 250 ms.</summary>
    internal static TimeSpan PollFor(TimeSpan budget) =>
        TimeSpan.FromTicks(Math.Clamp(budget.Ticks / 4, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromMilliseconds(250).Ticks));

    /// <summary>The path has no more steps to watch.</summary>
    internal void Disarm() => Volatile.Write(ref armed, 0);

    /// <summary>Publishes a step running until <paramref name="expiresAt"/> (a <see cref="Stopwatch"/> timestamp); answers its token. Walker only.</summary>
    internal long Enter(long expiresAt)
    {
        Volatile.Write(ref expiry, expiresAt);
        var next = ++issued;
        Volatile.Write(ref token, next);
        return next;
    }

    /// <summary>Ends step <paramref name="step"/>; false when it was claimed (the walker has lost the path).</summary>
    internal bool TryLeave(long step) => Interlocked.CompareExchange(ref token, NoStep, step) == step;

    /// <summary>
    /// Claims step <paramref name="step"/> for whoever moves the rest of the path (the watchdog at an
    /// overrun, the walker at a nested panic); false when it already ended or was claimed. A claim
    /// disarms the watchdog: the rest of the path does not run inline.
    /// </summary>
    internal bool TryClaim(long step)
    {
        if (step <= NoStep || Interlocked.CompareExchange(ref token, Claimed, step) != step)
        {
            return false;
        }

        Disarm();
        return true;
    }

    /// <summary>The token of the step running now, or a value that is not positive when none is.</summary>
    internal long Current => Volatile.Read(ref token);

    private void Loop()
    {
        while (true)
        {
            if (Volatile.Read(ref armed) == 0)
            {
                Thread.Sleep(poll);
                continue;
            }

            var step = Volatile.Read(ref token);
            var expiresAt = Volatile.Read(ref expiry);
            if (step <= NoStep || Volatile.Read(ref token) != step)
            {
                // Between steps: the next one starts within the walker's bookkeeping.
                Thread.Sleep(1);
                continue;
            }

            var now = Stopwatch.GetTimestamp();
            if (now < expiresAt)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(Math.Ceiling(Stopwatch.GetElapsedTime(now, expiresAt).TotalMilliseconds)));
                continue;
            }

            if (TryClaim(step))
            {
                try
                {
                    onOverrun();
                }
                catch (Exception)
                {
                    // The whole-path deadline still ends the process.
                }
            }
        }
    }
}
