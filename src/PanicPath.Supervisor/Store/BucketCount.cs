namespace PanicPath.Supervisor.Store;

/// <summary>How many deaths of the bucket <paramref name="Signature"/> were seen in the period (an hour or a day, UTC) that starts at <paramref name="Start"/>.</summary>
public sealed record BucketCount(string Signature, DateTimeOffset Start, long Count);
