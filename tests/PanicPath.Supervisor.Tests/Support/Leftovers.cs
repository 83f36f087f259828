using System.Globalization;
using PanicPath.Reports;

namespace PanicPath.Supervisor.Tests.Support;

/// <summary>Run spool directories as a supervisor killed before recording (or a library without a listening supervisor) leaves them.</summary>
internal static class Leftovers
{
    /// <summary>Writes <c>ROOT/&lt;runId&gt;-&lt;attempt&gt;/panicpath-….json</c> holding <paramref name="report"/>; answers the run id.</summary>
    public static string Write(string root, CrashReport report, int attempt = 0, string? runId = null)
    {
        runId ??= $"20260101T000000-{Guid.NewGuid().ToString("N")[..8]}";
        var directory = Directory.CreateDirectory(Path.Combine(root, $"{runId}-{attempt.ToString(CultureInfo.InvariantCulture)}")).FullName;
        SpoolFile.Write(directory, report.ToUtf8Json(), report.Pid);
        return runId;
    }

    public static CrashReport Report(string reason, int pid, int exitCode = 0, string kind = "panic") => new()
    {
        Kind = kind,
        Reason = reason,
        Pid = pid,
        ExitCode = exitCode,
        UptimeMs = 1500,
        Timestamp = "2026-01-01T10:00:00.0000000Z",
    };
}
