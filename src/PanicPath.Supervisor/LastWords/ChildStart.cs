namespace PanicPath.Supervisor.LastWords;

/// <summary>One start of the supervised child, as <see cref="IDeathSink.ChildStartedAsync"/> hears of it: the run, which start of it, the child's pid and command line.</summary>
public sealed record ChildStart(string RunId, int Attempt, int Pid, string Command);
