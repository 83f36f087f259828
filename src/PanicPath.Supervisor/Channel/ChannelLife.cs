using System.Diagnostics;
using PanicPath.Reports;

namespace PanicPath.Supervisor.Channel;

/// <summary>
/// What the channel knows of one life of the supervised child: the root of the process tree it admits,
/// the inbox directory its report is written to (the child's run spool) and the reserved slot it falls
/// back to, whether its reports came (at most one short report, at panic entry, and one long report), the
/// first of them as soon as it is stored (<see cref="FirstReport"/>), the duplicates rejected, and its heartbeats. Thread-safe.
/// </summary>
public sealed class ChannelLife
{
    private readonly TaskCompletionSource firstBeat = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<CrashReport> firstReport = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int reportClaimed;
    private int shortClaimed;
    private long duplicates;
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

    /// <summary>The file the channel wrote the short report to (null when it could be kept in memory only), once one was acknowledged.</summary>
    public string? ShortReportPath { get; private set; }

    /// <summary>
    /// Completes with the first report stored for this life — the short one, or the long one when no
    /// short one came — the moment it is stored and acknowledged.
    /// </summary>
    public Task<CrashReport> FirstReport => firstReport.Task;

    /// <summary>Reports rejected as duplicates in this life (a second short or long report, a short one after the long).</summary>
    public long DuplicatesRejected => Interlocked.Read(ref duplicates);

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

    /// <summary>Claims the one short report of this life; false when one was claimed already or the long report came first.</summary>
    internal bool TryClaimShort() => Volatile.Read(ref reportClaimed) == 0 && Interlocked.CompareExchange(ref shortClaimed, 1, 0) == 0;

    /// <summary>Gives the short claim back when the short report could not be stored.</summary>
    internal void ReleaseShortClaim() => Volatile.Write(ref shortClaimed, 0);

    /// <summary>Counts a duplicate report rejected.</summary>
    internal void Duplicate() => Interlocked.Increment(ref duplicates);

    internal void Stored(string path, int pid, CrashReport report, string? inboxProblem = null)
    {
        InboxProblem = inboxProblem;
        ReportSenderPid = pid;
        ReportPath = path;
        firstReport.TrySetResult(report);
    }

    internal void StoredShort(string? path, int pid, CrashReport report)
    {
        ReportSenderPid = pid;
        ShortReportPath = path;
        firstReport.TrySetResult(report);
    }
}
