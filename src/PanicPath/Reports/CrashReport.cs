using System.Text.Json;
using System.Text.Json.Serialization;

namespace PanicPath.Reports;

/// <summary>
/// The crash report, one per process death, version <see cref="CurrentVersion"/> of the wire format
/// (JSON, camelCase). The short form carries what the hypervisor's crash registers carried, for a
/// process: exception type, HResult, faulting method, stack signature, thread id, pid, uptime. The
/// long form adds <see cref="Log"/>, the youngest log lines that fit the report's log buffer.
/// <see cref="Notifiers"/> records every notifier and crash-shutdown hook of the path with its
/// outcome and duration; <see cref="Nested"/> the panics raised inside notifiers.
/// <para>
/// Version 2 adds the path's timing, all in milliseconds from the panic's entry on the one monotonic
/// clock the path runs by (<see cref="System.Diagnostics.Stopwatch"/>): each notifier's
/// <see cref="NotifierRecord.StartMs"/>, each nested panic's <see cref="NestedPanic.AtMs"/>, the dump
/// step (<see cref="Dump"/>), the configured deadline (<see cref="DeadlineMs"/>) and the report's
/// completion (<see cref="TotalMs"/>). These fields are written only when they have a value, so a
/// version 1 report is written exactly as version 1 wrote it, and reads (<see cref="Parse"/> takes
/// versions <see cref="OldestVersion"/> to <see cref="CurrentVersion"/>) with all of them null.
/// </para>
/// </summary>
public sealed class CrashReport
{
    /// <summary>The wire format version this library writes.</summary>
    public const int CurrentVersion = 2;

    /// <summary>The first version, without the path's timing; still read, and written for a supervisor that reads no other.</summary>
    public const int Version1 = 1;

    /// <summary>The oldest version <see cref="Parse"/> reads.</summary>
    public const int OldestVersion = Version1;

    /// <summary>Wire format version.</summary>
    public int Version { get; set; } = CurrentVersion;

    /// <summary><c>panic</c> or <c>oops</c>.</summary>
    public string Kind { get; set; } = "panic";

    /// <summary>Why the process died.</summary>
    public string Reason { get; set; } = string.Empty;

    /// <summary>Process id.</summary>
    public int Pid { get; set; }

    /// <summary>Managed id of the thread that panicked.</summary>
    public int ThreadId { get; set; }

    /// <summary>Milliseconds from the process's start to the panic.</summary>
    public double UptimeMs { get; set; }

    /// <summary>UTC time of the panic, ISO 8601.</summary>
    public string Timestamp { get; set; } = string.Empty;

    /// <summary>The exception that caused the panic, if any.</summary>
    public ReportException? Exception { get; set; }

    /// <summary><c>short</c> or <c>long</c>.</summary>
    public string Form { get; set; } = "short";

    /// <summary>Long form only: the youngest log lines, oldest first.</summary>
    public string? Log { get; set; }

    /// <summary>Each notifier and hook of the path, in run order.</summary>
    public List<NotifierRecord> Notifiers { get; set; } = [];

    /// <summary>Panics raised inside notifiers while the path ran.</summary>
    public List<NestedPanic> Nested { get; set; } = [];

    /// <summary>The dump file written by the in-process dump writer, if any.</summary>
    public string? DumpPath { get; set; }

    /// <summary>
    /// True when the path ran out of its deadline: a step was skipped or cut short because the deadline
    /// passed, or the watchdog ended the process before the report was built. True exactly when
    /// <see cref="ExitCode"/> is 71 (unless the runtime's dump is armed: then 134).
    /// </summary>
    public bool DeadlineExceeded { get; set; }

    /// <summary>The exit code the path ends with (an abort when the runtime's dump is armed).</summary>
    public int ExitCode { get; set; }

    /// <summary>
    /// Version 2: the in-process dump step (its start, duration, outcome and the file it wrote); null when
    /// no in-process dump writer is configured, and in a version 1 report. The same step is also among
    /// <see cref="Notifiers"/> (list <c>crash-dump</c>), and its file in <see cref="DumpPath"/>, for version 1 readers.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DumpStep? Dump { get; set; }

    /// <summary>Version 2: the path's deadline as configured, in milliseconds from the panic's entry; null in a version 1 report.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DeadlineMs { get; set; }

    /// <summary>
    /// Version 2: milliseconds from the panic's entry to the report's completion (when it was written
    /// to be sent); null in the short report sent at entry, and in a version 1 report.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TotalMs { get; set; }

    /// <summary>Serialises the report (source-generated, no reflection).</summary>
    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, ReportJsonContext.Default.CrashReport);

    /// <summary>Reads a report and checks its version and required fields.</summary>
    /// <exception cref="FormatException">The bytes are not a report of a known version; the message names the field.</exception>
    public static CrashReport Parse(ReadOnlySpan<byte> utf8Json)
    {
        CrashReport? report;
        try
        {
            report = JsonSerializer.Deserialize(utf8Json, ReportJsonContext.Default.CrashReport);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Crash report is not valid JSON at '{e.Path}' (line {e.LineNumber}, byte {e.BytePositionInLine}): {e.Message}", e);
        }

        if (report is null)
        {
            throw new FormatException("Crash report is empty (null).");
        }

        if (report.Version is < OldestVersion or > CurrentVersion)
        {
            throw new FormatException($"Crash report field 'version' is {report.Version}; this reader knows versions {OldestVersion} to {CurrentVersion}.");
        }

        if (report.Kind is not ("panic" or "oops"))
        {
            throw new FormatException($"Crash report field 'kind' is '{report.Kind}'; expected 'panic' or 'oops'.");
        }

        if (report.Form is not ("short" or "long"))
        {
            throw new FormatException($"Crash report field 'form' is '{report.Form}'; expected 'short' or 'long'.");
        }

        return report;
    }
}
