namespace PanicPath.Supervisor.Channel;

/// <summary>
/// The supervisor's end of the report channel for one run: an address the library connects to
/// (<c>PANICPATH_CHANNEL</c>), accepting only the current life's process tree of the supervisor's own
/// user. Frames follow <see cref="PanicPath.Reports.ChannelFrame"/>; a well-formed report is stored in
/// the life's inbox before it is acknowledged; anything else is rejected, logged and its connection
/// dropped, and the channel goes on. <see cref="ReportChannel.Open"/> picks the platform's implementation.
/// </summary>
public interface IReportChannel : IAsyncDisposable
{
    /// <summary>The address the library connects to.</summary>
    string Address { get; }

    /// <summary>Rejected messages and connections so far.</summary>
    long Rejected { get; }

    /// <summary>
    /// Starts a life: <paramref name="rootPid"/> and its descendants may connect; a report goes to
    /// <paramref name="inbox"/>, or, when that write fails (a full disk), into the reserved
    /// <paramref name="slot"/> (<see cref="PanicPath.Reports.SlotFile"/>) in place.
    /// </summary>
    ChannelLife Admit(int rootPid, string inbox, string? slot = null);

    /// <summary>Ends <paramref name="life"/>: nothing more is admitted for it.</summary>
    void End(ChannelLife life);
}
