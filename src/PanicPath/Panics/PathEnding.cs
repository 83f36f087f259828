using PanicPath.Exit;
using PanicPath.Reports;

namespace PanicPath.Panics;

/// <summary>
/// How a death ends, once: the verdict (deadline exceeded or not, and the exit code that goes with it,
/// by <see cref="PanicExitCodes.For"/>), the one report carrying it, and the exit with that code.
/// Whoever builds the report first (the path when it finishes, or the watchdog at the deadline) fixes
/// the verdict; the other delivers nothing and ends the process with the same code, so the report and
/// the exit code never disagree. Delivery tries the transports in order (channel, spool, then the
/// reserved slot) and says on standard error what failed and where the report went. When the runtime's
/// dump is armed the process ends with an abort so that the runtime writes its dump, unless the
/// in-process dumper wrote one (or is still writing it): then it exits with its code, and one death
/// never leaves two dumps.
/// </summary>
internal sealed class PathEnding
{
    /// <summary>The exit code a report carries when the runtime's dump is armed: the path aborts (SIGABRT).</summary>
    private const int AbortExitCode = 134;

    private readonly IReportTransport[] transports;
    private readonly ChannelTransport? channel;
    private readonly IReadOnlyList<string> installProblems;
    private readonly ErrorAnnouncer? announcer;
    private readonly int panicExitCode;
    private readonly bool aborts;
    private readonly bool exits;
    private int verdict;
    private int dump;

    /// <param name="transports">Where the report goes, first taker wins.</param>
    /// <param name="installProblems">What was found wrong with a configured transport at install (an unreachable channel, an unusable slot), said when the report is delivered.</param>
    /// <param name="announcer">Standard error's writer; null: say nothing.</param>
    /// <param name="panicExitCode">The exit code of a path that finished within its deadline.</param>
    /// <param name="runtimeCaptureArmed">The runtime's dump is armed: the process ends with an abort.</param>
    /// <param name="exits">False for a detached runtime: <see cref="Terminate"/> returns.</param>
    internal PathEnding(IReportTransport[] transports, IReadOnlyList<string> installProblems, ErrorAnnouncer? announcer, int panicExitCode, bool runtimeCaptureArmed, bool exits)
    {
        this.transports = transports;
        channel = Array.Find(transports, t => t is ChannelTransport) as ChannelTransport;
        this.installProblems = installProblems;
        this.announcer = announcer;
        this.panicExitCode = panicExitCode;
        aborts = runtimeCaptureArmed && exits;
        this.exits = exits;
    }

    /// <summary>The process ends with an abort: the runtime's dump is armed and no in-process dump was written or is being written.</summary>
    private bool Aborts => aborts && (InProcessDumpState)Volatile.Read(ref dump) is not (InProcessDumpState.Writing or InProcessDumpState.Written);

    /// <summary>Records how far the in-process dump has come.</summary>
    internal void InProcessDump(InProcessDumpState state) => Volatile.Write(ref dump, (int)state);

    /// <summary>The exit code the process ends with: the claimed report's, else the panic exit code.</summary>
    internal int ExitCode => Volatile.Read(ref verdict) is var claimed and not 0 ? claimed : panicExitCode;

    /// <summary>Claims the one report of this death with <paramref name="exitCode"/>; false when it was already claimed (the first claim's code stands).</summary>
    internal bool TryClaim(int exitCode) => Interlocked.CompareExchange(ref verdict, exitCode, 0) == 0;

    /// <summary>Forgets the claim, for a detached runtime that runs its path again.</summary>
    internal void Reset()
    {
        Volatile.Write(ref verdict, 0);
        Volatile.Write(ref dump, 0);
    }

    /// <summary>
    /// At panic entry, before any notifier: sends the short report of <paramref name="run"/> (no
    /// notifiers yet, the exit code the path means to end with) over the channel when the supervisor
    /// speaks protocol version 2, waiting for its ack at most <see cref="ChannelTransport.ShortAckTimeout"/>.
    /// It does not claim the report: the long one at the end is still the death's one report, and a short
    /// one that was not acknowledged goes nowhere else. The report is written into a buffer made at
    /// install (<see cref="PanicRun.WriteEntryReport"/>), without allocating. Never throws.
    /// </summary>
    internal void SendShort(PanicRun run)
    {
        if (channel is not { Version: >= ChannelFrame.Version2 })
        {
            return;
        }

        try
        {
            channel.TrySendShort(run.WriteEntryReport(Aborts ? AbortExitCode : panicExitCode));
        }
        catch (Exception)
        {
            // The short report is a first word; the path goes on without it.
        }
    }

    /// <summary>
    /// Decides the verdict of <paramref name="run"/> (deadline exceeded when a step was skipped or cut
    /// short by it, or when <paramref name="watchdogFired"/>), claims the report with it, writes it
    /// (into the run's buffer, without allocating: <see cref="PanicRun.WriteReport"/>) and delivers it;
    /// false when the report was claimed already. The line saying where it went is made only when there
    /// is a standard error to say it on.
    /// </summary>
    internal bool Deliver(PanicRun run, bool watchdogFired)
    {
        var exceeded = watchdogFired || run.DeadlineExceeded;
        var exitCode = PanicExitCodes.For(exceeded, panicExitCode);
        if (!TryClaim(exitCode))
        {
            return false;
        }

        var bytes = run.WriteReport(Aborts ? AbortExitCode : exitCode, exceeded);
        IReportTransport? delivered = null;
        foreach (var transport in transports)
        {
            if (transport.TryDeliver(bytes))
            {
                delivered = transport;
                break;
            }
        }

        if (announcer is not null)
        {
            Say(DeliveryNote(delivered));
        }

        return true;
    }

    /// <summary>
    /// The line that says where the report went: what failed before (the channel, the spool write, and
    /// what was found wrong at install) and what kept it; when nothing did, every failure. Only when no
    /// transport was configured at all does it say to set one.
    /// </summary>
    private string DeliveryNote(IReportTransport? delivered)
    {
        var failures = new List<string>(installProblems);
        foreach (var transport in transports)
        {
            if (ReferenceEquals(transport, delivered))
            {
                break;
            }

            if (transport.Failure is { } failure)
            {
                failures.Add(failure);
            }
        }

        var before = failures.Count == 0 ? string.Empty : string.Join("; ", failures) + "; ";
        return delivered switch
        {
            ChannelTransport => $"panic: {before}report delivered to the supervisor over the channel\n",
            SpoolTransport { LastPath: { } path } => $"panic: {before}report written to {path}\n",
            SlotTransport slot => $"panic: {before}report kept{(slot.Trimmed ? " (short form)" : string.Empty)} in the reserved slot {slot.Path}\n",
            _ when failures.Count > 0 => $"panic: report not delivered: {string.Join("; ", failures)}\n",
            _ => "panic: report not delivered (no transport; set PANICPATH_CHANNEL or PANICPATH_SPOOL)\n",
        };
    }

    /// <summary>Queues a line for standard error.</summary>
    internal void Say(string text) => announcer?.Announce(text);

    /// <summary>Waits up to <paramref name="limit"/> for standard error to take what was queued.</summary>
    internal void Drain(TimeSpan limit) => announcer?.Drain(limit);

    /// <summary>
    /// Ends the process with <see cref="ExitCode"/> (with <paramref name="unclaimed"/> when no report
    /// was claimed), or aborts when the runtime's dump is armed and no in-process dump was taken.
    /// Returns only for a detached runtime.
    /// </summary>
    internal void Terminate(int unclaimed, string reason)
    {
        if (!exits)
        {
            return;
        }

        if (Aborts)
        {
            Environment.FailFast($"panic: {reason}");
        }

        NativeExit.Now(Volatile.Read(ref verdict) is var claimed and not 0 ? claimed : unclaimed);
    }
}
