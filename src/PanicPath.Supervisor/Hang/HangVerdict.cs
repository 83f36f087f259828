namespace PanicPath.Supervisor.Hang;

/// <summary>The watchdog judged the child hung: no heartbeat came for <paramref name="Timeout"/>; <paramref name="Dump"/> is the dump taken before the kill, or null when none could be.</summary>
public sealed record HangVerdict(TimeSpan Timeout, string? Dump);
