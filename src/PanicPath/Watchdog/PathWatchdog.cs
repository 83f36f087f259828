namespace PanicPath.Watchdog;

/// <summary>
/// The whole-path deadline: a thread created at install that waits for the path to start, then for it
/// to finish within the deadline; if it does not, the watchdog calls the deadline action (deliver the
/// report marked deadline exceeded if the path has not built it, then end the process with the code
/// the report carries: 71 unless the path's own report came first). One-shot, as a process panics once.
/// </summary>
internal sealed class PathWatchdog
{
    private readonly ManualResetEventSlim started = new(false);
    private readonly ManualResetEventSlim finished = new(false);
    private readonly TimeSpan deadline;
    private readonly Action onDeadline;

    internal PathWatchdog(TimeSpan deadline, Action onDeadline)
    {
        this.deadline = deadline;
        this.onDeadline = onDeadline;
        var thread = new Thread(Loop) { IsBackground = true, Name = "panicpath-watchdog" };
        thread.Start();
    }

    /// <summary>The path has started: the deadline runs from now.</summary>
    internal void Arm() => started.Set();

    /// <summary>The path has finished in time.</summary>
    internal void Disarm() => finished.Set();

    private void Loop()
    {
        started.Wait();
        if (!finished.Wait(deadline))
        {
            try
            {
                onDeadline();
            }
            catch (Exception)
            {
                // The deadline action ends the process; nothing may stop it from trying.
            }
        }
    }
}
