namespace PanicPath.Supervisor.Store;

/// <summary>
/// The period <see cref="IDeathStore.BucketHistoryAsync"/> counts deaths by: a calendar hour or a
/// calendar day in UTC. Each is the length of the prefix of a stored time (ISO 8601 UTC text,
/// <c>2026-01-02T03:04:05.1230000Z</c>) that names its period, so that SQLite and PostgreSQL group
/// the same text alike.
/// </summary>
public enum BucketPeriod
{
    /// <summary>Hours: <c>2026-01-02T03</c>.</summary>
    Hour = 13,

    /// <summary>Days: <c>2026-01-02</c>.</summary>
    Day = 10,
}
