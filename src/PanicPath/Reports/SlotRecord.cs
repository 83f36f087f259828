namespace PanicPath.Reports;

/// <summary>
/// The three records of a reserved slot (<see cref="SlotFile"/>), one per writer, so that no writer can
/// tear another's record.
/// </summary>
public enum SlotRecord
{
    /// <summary>The child's report, written by the library when its spool write failed.</summary>
    ChildReport = 0,

    /// <summary>The report the supervisor received over the channel, written when its inbox write failed.</summary>
    InboxReport = 1,

    /// <summary>The supervisor's record of the death, written when the store refused it.</summary>
    Death = 2,
}
