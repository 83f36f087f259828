using System.Diagnostics;

namespace PanicPath.Supervisor.Channel;

/// <summary>
/// What the channel knows of one life of the supervised child: the root of the process tree it admits,
/// the inbox directory its report is written to (the child's run spool) and the reserved slot it falls
/// back to, whether a report came (at most one is accepted), and its heartbeats. Thread-safe.
/// </summary>
public sealed class ChannelLife
{
    private readonly TaskCompletionSource firstBeat = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int reportClaimed;
    private long lastBeat;
    private long beats;

    internal ChannelLife(int rootPid, string inbox, string? slot = null)
    {
        RootPid = rootPid;
        Inbox = inbox;
        Slot = slot;
    }

    /// <summary>The child's pid: it and its descendants may connect.</summary>
    public int RootPid { get; }

    /// <summary>Where an accepted report is written (atomically, in the spool's format).</summary>
    public string Inbox { get; }

    /// <summary>The reserved slot a report goes to when the inbox write fails, or null.</summary>
    public string? Slot { get; }

    /// <summary>Why the inbox write failed when the report was kept in the slot instead, or null.</summary>
    public string? InboxProblem { get; private set; }

    /// <summary>The file the channel wrote the report to (the slot when the inbox write failed), once one was acknowledged.</summary>
    public string? ReportPath { get; private set; }

    /// <summary>The pid that sent the report.</summary>
    public int ReportSenderPid { get; private set; }

    /// <summary>Heartbeats received.</summary>
    public long Heartbeats => Interlocked.Read(ref beats);

    /// <summary>Completes at the first heartbeat.</summary>
    public Task FirstHeartbeat => firstBeat.Task;

    /// <summary>Time since the last heartbeat (since the first one was awaited, before any came).</summary>
    public TimeSpan SinceLastHeartbeat => Stopwatch.GetElapsedTime(Interlocked.Read(ref lastBeat));

    internal void Beat()
    {
        Interlocked.Exchange(ref lastBeat, Stopwatch.GetTimestamp());
        Interlocked.Increment(ref beats);
        firstBeat.TrySetResult();
    }

    /// <summary>Claims the one report of this life; false when one was already claimed.</summary>
    internal bool TryClaimReport() => Interlocked.CompareExchange(ref reportClaimed, 1, 0) == 0;

    /// <summary>Gives the claim back when the report could not be stored.</summary>
    internal void ReleaseClaim() => Volatile.Write(ref reportClaimed, 0);

    internal void Stored(string path, int pid, string? inboxProblem = null)
    {
        InboxProblem = inboxProblem;
        ReportSenderPid = pid;
        ReportPath = path;
    }
}
