using PanicPath.Supervisor.Deaths;

namespace PanicPath.Supervisor.Runs;

/// <summary>The outcome of a supervised run: every death in order (stored ones carry their ids) and the exit code to mirror: the last child's.</summary>
public sealed record SupervisorResult(int ExitCode, IReadOnlyList<DeathRecord> Deaths);
