namespace PanicPath.Reports;

/// <summary>
/// The kinds of frame on the report channel (<see cref="ChannelFrame"/>). A supervisor rejects any
/// other value, and a kind in a frame of a version that does not have it. Library to supervisor:
/// <see cref="Hello"/>, <see cref="ShortReport"/> (version 2), <see cref="Report"/>, <see cref="Heartbeat"/>;
/// supervisor to library: <see cref="Ack"/> and, in version 2, the <see cref="Hello"/> that answers the library's.
/// </summary>
public enum ChannelFrameKind : byte
{
    /// <summary>
    /// First frame of a connection; empty payload. Its version byte is the highest version the library
    /// speaks; a version 2 supervisor answers a hello of version 2 or more with a hello whose version byte
    /// is the version both will speak, and leaves a version 1 hello unanswered.
    /// </summary>
    Hello = 1,

    /// <summary>
    /// The long report: the full crash report at the end of the path (<see cref="CrashReport.ToUtf8Json"/>,
    /// whatever its <see cref="CrashReport.Form"/>). One per life of the child.
    /// </summary>
    Report = 2,

    /// <summary>The process is alive (see the heartbeat's meaning of alive); empty payload.</summary>
    Heartbeat = 3,

    /// <summary>The supervisor stored the report (short or long) durably; empty payload.</summary>
    Ack = 4,

    /// <summary>
    /// Version 2 and later: the short report, sent at panic entry before any notifier runs — a crash report
    /// in short form without notifiers (cause, title, exception type, pid, times: the crash registers).
    /// At most one per life, and before the long report.
    /// </summary>
    ShortReport = 5,
}
