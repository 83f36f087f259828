namespace PanicPath.Supervisor.Launch;

/// <summary>How one child ended: its pid, exit code (128 + N for signal N on Unix), the tails of its output and its times.</summary>
public sealed record ChildExit(int Pid, int ExitCode, string StdoutTail, string StderrTail, DateTimeOffset StartedAt, DateTimeOffset EndedAt);
