using PanicPath.Supervisor.Deaths;

namespace PanicPath.Supervisor.Store;

/// <summary>
/// The store's schema history, oldest first: step n takes a store from version n − 1 (0: an empty
/// database) to version n. Steps are only ever appended; a released step is never edited, because
/// stores made by that release have already run it. <see cref="StoreSchema.Version"/> is the last.
/// </summary>
public static class StoreMigrations
{
    /// <summary>Every step, in order; step i has version i + 1.</summary>
    public static IReadOnlyList<StoreMigration> All { get; } =
    [
        new(1, "deaths, buckets and schema_info", id =>
        [
            "CREATE TABLE IF NOT EXISTS schema_info (version INTEGER NOT NULL)",
            $"""
            CREATE TABLE IF NOT EXISTS deaths (
                id {id},
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
        ]),
        new(2, "a clean exit 0 is a run that ended cleanly, not a death: in no bucket", _ =>
        [
            $"UPDATE deaths SET cause = '{DeathCause.CleanExit}', title = '{DeathClassifier.CleanExitTitle}' WHERE cause = '{DeathCause.ExitCode}' AND exit_code = 0",
            $"""
            UPDATE buckets SET count = (SELECT COUNT(*) FROM deaths WHERE deaths.signature = buckets.signature AND deaths.cause <> '{DeathCause.CleanExit}')
            WHERE signature IN (SELECT signature FROM deaths WHERE cause = '{DeathCause.CleanExit}')
            """,
            "DELETE FROM buckets WHERE count = 0",
        ]),
        new(3, "dump retention: which machine a death was on, and when its dump was pruned", _ =>
        [
            "ALTER TABLE deaths ADD COLUMN host TEXT NULL",
            "ALTER TABLE deaths ADD COLUMN dump_pruned_at TEXT NULL",
        ]),
        new(4, "a death stored at its first report is pending until the supervisor completes it after the exit", _ =>
        [
            "ALTER TABLE deaths ADD COLUMN pending INTEGER NOT NULL DEFAULT 0",
        ]),
        new(5, "the exception a death is told by: its type, message and stack with inner exceptions (null in older records)", _ =>
        [
            "ALTER TABLE deaths ADD COLUMN exception_type TEXT NULL",
            "ALTER TABLE deaths ADD COLUMN exception_message TEXT NULL",
            "ALTER TABLE deaths ADD COLUMN exception_stack TEXT NULL",
        ]),
    ];

    /// <summary>The version a store has after every step.</summary>
    public static int Latest => All[^1].Version;
}
