namespace PanicPath.Reports;

/// <summary>
/// The kinds of frame on the report channel (<see cref="ChannelFrame"/>). A supervisor rejects any
/// other value. Library to supervisor: <see cref="Hello"/>, <see cref="Report"/>, <see cref="Heartbeat"/>;
/// supervisor to library: <see cref="Ack"/>.
/// </summary>
public enum ChannelFrameKind : byte
{
    /// <summary>Optional first frame of a connection; empty payload.</summary>
    Hello = 1,

    /// <summary>The crash report: its UTF-8 JSON wire form (<see cref="CrashReport.ToUtf8Json"/>).</summary>
    Report = 2,

    /// <summary>The process is alive (see the heartbeat's meaning of alive); empty payload.</summary>
    Heartbeat = 3,

    /// <summary>The supervisor stored the report durably; empty payload.</summary>
    Ack = 4,
}
