namespace PanicPath.Supervisor.Restart;

/// <summary>
/// The restart rule of a run: the policy, at most <see cref="MaxRestarts"/> restarts, and an exponential
/// back-off: the n-th restart waits <see cref="InitialDelay"/> × 2^(n−1), at most <see cref="MaxDelay"/>.
/// </summary>
public sealed record RestartSchedule(RestartPolicy Policy, int MaxRestarts, TimeSpan InitialDelay, TimeSpan MaxDelay)
{
    /// <summary>No restarts.</summary>
    public static RestartSchedule Never { get; } = new(RestartPolicy.Never, 0, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>Whether a process that died with <paramref name="exitCode"/> after <paramref name="restartsSoFar"/> restarts is started again.</summary>
    public bool ShouldRestart(int exitCode, int restartsSoFar) => restartsSoFar < MaxRestarts && Policy switch
    {
        RestartPolicy.Always => true,
        RestartPolicy.OnFailure => exitCode != 0,
        _ => false,
    };

    /// <summary>The wait before restart number <paramref name="restart"/> (1 for the first).</summary>
    public TimeSpan DelayBefore(int restart)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(restart, 1);
        var ticks = InitialDelay.Ticks;
        for (var i = 1; i < restart && ticks < MaxDelay.Ticks; i++)
        {
            ticks *= 2;
        }

        return TimeSpan.FromTicks(Math.Min(ticks, MaxDelay.Ticks));
    }
}
