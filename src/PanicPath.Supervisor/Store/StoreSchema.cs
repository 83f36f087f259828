namespace PanicPath.Supervisor.Store;

/// <summary>
/// The store's tables, in SQL that SQLite and PostgreSQL both accept (but for the id column's type):
/// <c>deaths</c>, one row per death (one per run id and attempt, so a death recorded twice, as after a
/// supervisor killed between storing and clearing its spool, stays one row), times as ISO 8601 UTC text
/// and the in-process report as its JSON wire form; <c>buckets</c>, one row per signature. <see cref="Version"/> is kept in <c>schema_info</c>.
/// </summary>
public static class StoreSchema
{
    /// <summary>The schema version this code reads and writes.</summary>
    public const int Version = 1;

    /// <summary>The statements that create the tables, given the id column's declaration.</summary>
    public static IReadOnlyList<string> Create(string idColumn) =>
    [
        "CREATE TABLE IF NOT EXISTS schema_info (version INTEGER NOT NULL)",
        $"""
        CREATE TABLE IF NOT EXISTS deaths (
            id {idColumn},
            run_id TEXT NOT NULL,
            attempt INTEGER NOT NULL,
            command TEXT NOT NULL,
            pid INTEGER NOT NULL,
            cause TEXT NOT NULL,
            exit_code INTEGER NOT NULL,
            signal TEXT NULL,
            report TEXT NULL,
            dump TEXT NULL,
            crash_report TEXT NULL,
            signature TEXT NOT NULL,
            title TEXT NOT NULL,
            stdout_tail TEXT NOT NULL,
            stderr_tail TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT NOT NULL)
        """,
        "CREATE INDEX IF NOT EXISTS deaths_signature ON deaths (signature)",
        "CREATE UNIQUE INDEX IF NOT EXISTS deaths_run_attempt ON deaths (run_id, attempt)",
        """
        CREATE TABLE IF NOT EXISTS buckets (
            signature TEXT PRIMARY KEY,
            cause TEXT NOT NULL,
            title TEXT NOT NULL,
            count INTEGER NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL)
        """,
    ];

    /// <summary>
    /// Inserts a death unless its run id and attempt are already stored (parameters @run … @ended);
    /// answers the new id, or no row when it was already there.
    /// </summary>
    public const string InsertDeath = """
        INSERT INTO deaths (run_id, attempt, command, pid, cause, exit_code, signal, report, dump, crash_report, signature, title, stdout_tail, stderr_tail, started_at, ended_at)
        VALUES (@run, @attempt, @command, @pid, @cause, @exit, @signal, @report, @dump, @crash, @signature, @title, @stdout, @stderr, @started, @ended)
        ON CONFLICT (run_id, attempt) DO NOTHING
        RETURNING id
        """;

    /// <summary>Counts a death in its bucket, creating the bucket on first sight (parameters @signature, @cause, @title, @seen).</summary>
    public const string UpsertBucket = """
        INSERT INTO buckets (signature, cause, title, count, first_seen, last_seen)
        VALUES (@signature, @cause, @title, 1, @seen, @seen)
        ON CONFLICT (signature) DO UPDATE SET
            count = buckets.count + 1,
            cause = excluded.cause,
            title = excluded.title,
            last_seen = CASE WHEN excluded.last_seen > buckets.last_seen THEN excluded.last_seen ELSE buckets.last_seen END,
            first_seen = CASE WHEN excluded.first_seen < buckets.first_seen THEN excluded.first_seen ELSE buckets.first_seen END
        """;
}
