using PanicPath.Reports;

namespace PanicPath.Supervisor.Deaths;

/// <summary>Everything the supervisor collected about one death, before it is classified.</summary>
/// <param name="ExitCode">The exit code as seen by the parent (128 + N for signal N on Unix).</param>
/// <param name="Report">The in-process report from the run's spool, or null.</param>
/// <param name="RuntimeReport">The runtime's crash-report JSON, read, or null.</param>
/// <param name="StderrTail">The last lines of standard error.</param>
/// <param name="Command">The command line that was run, as recorded; part of an exit-code death's signature. Null when unknown.</param>
public sealed record DeathEvidence(int ExitCode, CrashReport? Report, RuntimeCrashReport? RuntimeReport, string StderrTail, string? Command = null);
