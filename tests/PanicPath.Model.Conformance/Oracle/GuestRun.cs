namespace PanicPath.Model.Conformance.Oracle;

/// <summary>
/// One boot of a configuration: the path observed from outside the guest, the QMP events, the serial log
/// kept on disk, why the watch ended, and how long it took.
/// </summary>
public sealed record GuestRun(PathRecord Observed, IReadOnlyList<string> QmpEvents, string SerialLog, string EndedBecause, TimeSpan Elapsed);
