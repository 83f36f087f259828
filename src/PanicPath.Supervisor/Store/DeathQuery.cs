namespace PanicPath.Supervisor.Store;

/// <summary>
/// Which deaths <see cref="IDeathStore.QueryAsync"/> answers, newest first: every condition given must
/// hold. <see cref="Cause"/> and <see cref="Signature"/> match exactly, <see cref="Command"/> is a
/// substring of the command line (ASCII letters compared without case, <c>%</c> and <c>_</c> taken
/// literally), <see cref="Since"/> and <see cref="Until"/> bound the time the death was seen
/// (<see cref="Deaths.DeathRecord.EndedAt"/>: since inclusive, until exclusive). Paging goes back from
/// <see cref="BeforeId"/> (ids below it only), at most <see cref="Limit"/> a page. Runs that ended
/// cleanly are left out unless <see cref="IncludeCleanExits"/> or the cause asked for is theirs.
/// </summary>
public sealed record DeathQuery
{
    /// <summary>The most a page may hold.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Only deaths of this cause (one of <see cref="Deaths.DeathCause"/>), or any.</summary>
    public string? Cause { get; init; }

    /// <summary>Only deaths of this bucket (its 16 hex digits), or any.</summary>
    public string? Signature { get; init; }

    /// <summary>Only deaths whose command line holds this text, or any.</summary>
    public string? Command { get; init; }

    /// <summary>Only deaths seen at or after this time, or any.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only deaths seen before this time, or any.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Only deaths with a smaller id (the next page after the last one shown), or any.</summary>
    public long? BeforeId { get; init; }

    /// <summary>At most this many, from 1 to <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = 50;

    /// <summary>Also runs that ended cleanly.</summary>
    public bool IncludeCleanExits { get; init; }
}
