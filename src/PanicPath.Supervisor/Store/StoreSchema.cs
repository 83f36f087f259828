namespace PanicPath.Supervisor.Store;

/// <summary>
/// The store's tables, made and changed by <see cref="StoreMigrations"/> in SQL that SQLite and
/// PostgreSQL both accept (but for the id column's type): <c>deaths</c>, one row per death (one per run
/// id and attempt, so a death recorded twice, as after a supervisor killed between storing and clearing
/// its spool, stays one row; a row stored at the death's first report is <c>pending</c> until completed in
/// place, and counted in its bucket only then), times as ISO 8601 UTC text and the in-process report as its JSON wire
/// form; <c>buckets</c>, one row per signature; <c>schema_info</c>, one row holding the version.
/// </summary>
public static class StoreSchema
{
    /// <summary>The schema version this code reads and writes: the last of <see cref="StoreMigrations.All"/>.</summary>
    public static int Version => StoreMigrations.Latest;

    /// <summary>
    /// Inserts a complete death (parameters @run … @pruned, @extype, @exmessage, @exstack), or completes the pending one stored for its
    /// run id and attempt in place (a death ingested from the spool, whose command is unknown and start
    /// estimated, keeps the command and start time the pending row has; a death without an exception keeps the pending row's); answers the id, or no row when a
    /// complete death was already there (then nothing changes).
    /// </summary>
    public const string InsertDeath = $$"""
        INSERT INTO deaths (run_id, attempt, command, pid, cause, exit_code, signal, report, dump, crash_report, signature, title, stdout_tail, stderr_tail, started_at, ended_at, host, dump_pruned_at, exception_type, exception_message, exception_stack, pending)
        VALUES (@run, @attempt, @command, @pid, @cause, @exit, @signal, @report, @dump, @crash, @signature, @title, @stdout, @stderr, @started, @ended, @host, @pruned, @extype, @exmessage, @exstack, 0)
        ON CONFLICT (run_id, attempt) DO UPDATE SET
            command = CASE WHEN excluded.command = '{{Runs.SpoolIngest.UnknownCommand}}' THEN deaths.command ELSE excluded.command END,
            started_at = CASE WHEN excluded.command = '{{Runs.SpoolIngest.UnknownCommand}}' THEN deaths.started_at ELSE excluded.started_at END,
            pid = excluded.pid, cause = excluded.cause, exit_code = excluded.exit_code, signal = excluded.signal,
            report = COALESCE(excluded.report, deaths.report), dump = excluded.dump, crash_report = excluded.crash_report,
            signature = excluded.signature, title = excluded.title, stdout_tail = excluded.stdout_tail, stderr_tail = excluded.stderr_tail,
            ended_at = excluded.ended_at, host = COALESCE(excluded.host, deaths.host), dump_pruned_at = excluded.dump_pruned_at,
            exception_type = COALESCE(excluded.exception_type, deaths.exception_type), exception_message = COALESCE(excluded.exception_message, deaths.exception_message),
            exception_stack = COALESCE(excluded.exception_stack, deaths.exception_stack), pending = 0
        WHERE deaths.pending <> 0
        RETURNING id
        """;

    /// <summary>
    /// Inserts a pending death (parameters as <see cref="InsertDeath"/>) unless its run id and attempt are
    /// already stored, pending or complete; answers the new id, or no row when it was already there.
    /// </summary>
    public const string InsertPendingDeath = """
        INSERT INTO deaths (run_id, attempt, command, pid, cause, exit_code, signal, report, dump, crash_report, signature, title, stdout_tail, stderr_tail, started_at, ended_at, host, dump_pruned_at, exception_type, exception_message, exception_stack, pending)
        VALUES (@run, @attempt, @command, @pid, @cause, @exit, @signal, @report, @dump, @crash, @signature, @title, @stdout, @stderr, @started, @ended, @host, @pruned, @extype, @exmessage, @exstack, 1)
        ON CONFLICT (run_id, attempt) DO NOTHING
        RETURNING id
        """;

    /// <summary>
    /// Marks the deaths whose dump was the file @dump, written at @written, as pruned at @pruned: those
    /// recorded on this machine (@host), and those of records made before the machine was kept whose
    /// life spans the file's writing; a death already marked keeps its first time.
    /// </summary>
    public const string MarkDumpPruned = """
        UPDATE deaths SET dump_pruned_at = @pruned
        WHERE dump = @dump AND dump_pruned_at IS NULL
          AND (host = @host OR (host IS NULL AND started_at <= @written AND ended_at >= @written))
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
