namespace PanicPath.Logging;

/// <summary>
/// Why the log is being dumped, ordered as the kernel's <c>kmsg_dump_reason</c>: a dumper receives a
/// dump when the reason is at or below its <see cref="LogDumper.MaxReason"/>.
/// </summary>
public enum LogDumpReason
{
    /// <summary>The process is panicking.</summary>
    Panic = 1,

    /// <summary>An oops: one unit of work failed, the process may survive.</summary>
    Oops = 2,

    /// <summary>An emergency dump requested by the application.</summary>
    Emergency = 3,

    /// <summary>Orderly shutdown (e.g. SIGTERM).</summary>
    Shutdown = 4,
}
