using PanicPath.Reports;

namespace PanicPath.Supervisor.Deaths;

/// <summary>
/// One death of a supervised process: why (<see cref="Cause"/>, one of <see cref="DeathCause"/>), how it
/// ended (exit code, and the signal's name when a signal killed it), what it left (the in-process
/// report, the runtime's dump and crash-report JSON), its signature for bucketing, the last lines it
/// wrote and when it ran. <see cref="Id"/> is 0 until a store assigns one. A death stored at its first
/// report and not yet completed is <see cref="Pending"/>. A clean exit 0 is kept in
/// the same form as a run that ended cleanly (<see cref="EndedCleanly"/>).
/// </summary>
public sealed record DeathRecord
{
    /// <summary>The store's id; 0 before the record is stored.</summary>
    public long Id { get; init; }

    /// <summary>The supervisor run this death belongs to (one run may restart the process several times).</summary>
    public required string RunId { get; init; }

    /// <summary>0 for the first start of the run, n for the n-th restart.</summary>
    public int Attempt { get; init; }

    /// <summary>The command line that was run.</summary>
    public required string Command { get; init; }

    /// <summary>The process id of the child.</summary>
    public int Pid { get; init; }

    /// <summary>One of <see cref="DeathCause"/>.</summary>
    public required string Cause { get; init; }

    /// <summary>The exit code as seen by the parent; a signal death is 128 + the signal number.</summary>
    public int ExitCode { get; init; }

    /// <summary>The signal's name (<c>SIGSEGV</c>) when a signal killed the process, else null.</summary>
    public string? Signal { get; init; }

    /// <summary>The in-process report PanicPath delivered, or null.</summary>
    public CrashReport? Report { get; init; }

    /// <summary>The dump of this death, when one was written (the runtime's, the hang watchdog's or the in-process dumper's).</summary>
    public string? Dump { get; init; }

    /// <summary>When the dump directory's retention removed <see cref="Dump"/>, or null while it is kept.</summary>
    public DateTimeOffset? DumpPrunedAt { get; init; }

    /// <summary>The machine the death was seen on (its dump path is a path there); null in records made before it was kept.</summary>
    public string? Host { get; init; }

    /// <summary>The runtime's crash-report JSON, when it wrote one.</summary>
    public string? CrashReport { get; init; }

    /// <summary>16 hex digits grouping deaths at the same place (see <see cref="DeathSignature"/>).</summary>
    public required string Signature { get; init; }

    /// <summary>One line naming the death: the exception type and message, the signal, or the exit code.</summary>
    public required string Title { get; init; }

    /// <summary>
    /// The full name of the exception the death is told by (see <see cref="LastWords.DeathException"/>: from the
    /// in-process report, else the runtime's printed unhandled exception, else its crash report); null when the
    /// evidence names none (a signal, an exit code) and in records made before exceptions were kept.
    /// </summary>
    public string? ExceptionType { get; init; }

    /// <summary>That exception's message; null with <see cref="ExceptionType"/>.</summary>
    public string? ExceptionMessage { get; init; }

    /// <summary>
    /// That exception rendered as <see cref="Exception.ToString"/> renders one (<c>Type: message</c>, inner exceptions,
    /// <c>   at</c> lines), without the panic path's frames on top; null with <see cref="ExceptionType"/>.
    /// </summary>
    public string? ExceptionStack { get; init; }

    /// <summary>The last lines of the child's standard output.</summary>
    public string StdoutTail { get; init; } = string.Empty;

    /// <summary>The last lines of the child's standard error.</summary>
    public string StderrTail { get; init; } = string.Empty;

    /// <summary>When the child was started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the child's death was seen.</summary>
    public DateTimeOffset EndedAt { get; init; }

    /// <summary>
    /// True for a death stored at its first report (the short report at panic entry, or the long one),
    /// before the child's exit: its exit code is the one the report means to end with, and it has no
    /// signal, dump, tails or bucket yet. The supervisor completes it after the exit (or the next start's
    /// spool ingest does), in place.
    /// </summary>
    public bool Pending { get; init; }

    /// <summary>True when this is a run that ended cleanly (<see cref="DeathCause.CleanExit"/>), not a death: it has no bucket.</summary>
    public bool EndedCleanly => Cause == DeathCause.CleanExit;
}
