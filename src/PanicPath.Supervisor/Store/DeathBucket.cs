namespace PanicPath.Supervisor.Store;

/// <summary>Deaths sharing one signature: their cause and title (of the latest), how many, and when first and last seen.</summary>
public sealed record DeathBucket(string Signature, string Cause, string Title, long Count, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);
