using System.Data.Common;
using Microsoft.Data.Sqlite;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Files;

namespace PanicPath.Supervisor.Store;

/// <summary>
/// The default store: one SQLite file (<see cref="DataDirectory.DatabaseFileName"/>) in the data
/// directory, in WAL mode with a busy timeout so that several supervisors and readers can share it.
/// The schema is created or brought up to date on open (<see cref="StoreMigrations"/>) and one
/// connection is kept open until disposed; closing it leaves the write-ahead log in place, unsynced (see
/// <see cref="KeepLogAtClose"/>). Adding a death whose run id and attempt are already stored
/// changes nothing and answers the stored id. A file that is not a PanicPath store, or one of a newer
/// schema version than this code, throws <see cref="DataDirectoryException"/> naming the file.
/// </summary>
public sealed class SqliteDeathStore : SqlDeathStore
{
    private readonly SqliteConnection connection;

    private SqliteDeathStore(SqliteConnection connection, string path)
    {
        this.connection = connection;
        Path = path;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override string Location => Path;

    /// <summary>
    /// Opens (creating if needed) the store in <paramref name="dataDirectory"/>; <paramref name="writableChecked"/>
    /// as for <see cref="DataDirectory.PrepareDatabase"/>.
    /// </summary>
    public static SqliteDeathStore Open(string dataDirectory, bool writableChecked = false)
    {
        var path = DataDirectory.PrepareDatabase(dataDirectory, writableChecked);
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 30 };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = 30000");
            Execute(connection, "PRAGMA journal_mode = WAL");
            Execute(connection, "PRAGMA synchronous = NORMAL");
            KeepLogAtClose(connection);
            // BEGIN IMMEDIATE: a second supervisor opening the store waits for the first's step to commit.
            if (Migrate(connection, () => connection.BeginTransaction(deferred: false), "INTEGER PRIMARY KEY AUTOINCREMENT") is { } found)
            {
                throw new DataDirectoryException(dataDirectory, Refusal(path, found));
            }
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new DataDirectoryException(dataDirectory, $"{path} is not a usable PanicPath store ({e.Message})");
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        var store = new SqliteDeathStore(connection, path) { Writes = true };
        try
        {
            // Compiled and read now, while the store opens alongside the child: the record of its exit runs
            // the statement, and the store's closing compares the log with the limit.
            store.PrepareCompletion(connection);
            store.LogLimit = store.Scalar("PRAGMA wal_autocheckpoint") * store.Scalar("PRAGMA page_size");
        }
        catch (SqliteException e)
        {
            store.Dispose();
            throw new DataDirectoryException(dataDirectory, $"{path} is not a usable PanicPath store ({e.Message})");
        }

        return store;
    }

    /// <summary>
    /// Closing the connection leaves the write-ahead log in place instead of checkpointing it into the
    /// database and removing it: the checkpoint at close costs two fsyncs, and the fresh log the next
    /// write would start costs two more (its header and its directory), all on <c>run</c>'s path after its
    /// command exits, for no promise: a commit is as durable either way (<c>synchronous = NORMAL</c>: at the
    /// next checkpoint), and every reader reads the log. The log is still checkpointed automatically
    /// every 1000 pages, at a commit.
    /// </summary>
    private static void KeepLogAtClose(SqliteConnection connection)
    {
        var code = SQLitePCL.raw.sqlite3_db_config(connection.Handle, SQLitePCL.raw.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, out _);
        if (code != SQLitePCL.raw.SQLITE_OK)
        {
            throw new SqliteException($"cannot keep the log at close (SQLite error {code})", code);
        }
    }

    /// <summary>
    /// At close, a log that has grown to the automatic checkpoint's size is emptied (a TRUNCATE checkpoint,
    /// not waiting for a reader: a busy store keeps its log for a later close). The log is kept at close
    /// (<see cref="KeepLogAtClose"/>), and each opening rebuilds its index, which counts every frame in it
    /// as not yet copied into the database; without this the log would never start over, would grow by
    /// every run's writes for ever, be read whole at every opening, and once past the checkpoint's size
    /// make every commit checkpoint all of it again (three fsyncs after the command exits, at every run).
    /// The commit that crossed the size has just checkpointed the log, so emptying it copies nothing and
    /// syncs nothing; a store that could not (a reader was in the way) copies what is left first.
    /// </summary>
    private void TruncateGrownLog()
    {
        try
        {
            var log = new FileInfo(Path + "-wal");
            if (!Writes || !log.Exists || log.Length < LogLimit)
            {
                return;
            }

            Execute(connection, "PRAGMA busy_timeout = 0");
            Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
        }
        catch (Exception e) when (e is SqliteException or IOException or InvalidOperationException)
        {
            // The log stays as it is; a later close empties it.
        }
    }

    /// <summary>True when the store was opened for writing (<see cref="Open"/>), not for reading only.</summary>
    private bool Writes { get; init; }

    /// <summary>
    /// The size of the automatic checkpoint's log in bytes (its pages times the page size), read when the
    /// store opens for writing, so that closing it after a child's exit compiles no statement to know it.
    /// </summary>
    private long LogLimit { get; set; } = long.MaxValue;

    private long Scalar(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Opens the store in <paramref name="dataDirectory"/> for reading only, writing nothing (no probe
    /// file, no table creation), so that it reads on a full disk. When SQLite cannot open it normally
    /// (a WAL store whose shared-memory file cannot be made or grown on a full disk), it is opened
    /// again immutable — without locks or the shared-memory file — and <see cref="ReadWithoutLocks"/> says so.
    /// A data directory, store file or journal that is a symbolic link or another user's is refused as
    /// <see cref="Open"/> refuses it, before anything is read through it. Where there is no store (no
    /// directory, or a directory without the store's file) nothing is created or changed — the directory
    /// may be anyone's choice of path, such as <c>/etc</c> — and an empty store held in memory answers,
    /// with <see cref="NothingStored"/> set.
    /// </summary>
    /// <param name="dataDirectory">The data directory.</param>
    /// <param name="bringUpToDate">
    /// A store of an older schema is brought up to date first (which writes) when true; when false it is
    /// refused with a <see cref="DataDirectoryException"/> saying so, and nothing is written whatever is found.
    /// </param>
    /// <exception cref="DataDirectoryException">The file is not a PanicPath store of a known schema version, or it, its journals or the directory are refused; the message names it.</exception>
    public static SqliteDeathStore OpenReadOnly(string dataDirectory, bool bringUpToDate = true)
    {
        var path = System.IO.Path.Combine(dataDirectory, DataDirectory.DatabaseFileName);
        var nothingThere = !System.IO.Path.Exists(dataDirectory) && new FileInfo(dataDirectory).LinkTarget is null;
        if (!nothingThere)
        {
            RefuseForeign(dataDirectory, path);
        }

        // Past the refusal the store's file is missing or a regular file of ours, never a link.
        if (nothingThere || !File.Exists(path))
        {
            return Empty(path);
        }

        SqliteDeathStore? store;
        try
        {
            store = OpenReading(dataDirectory, path, new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString(), immutable: false, bringUpToDate);
        }
        catch (DataDirectoryException first)
        {
            var uri = "file:" + Uri.EscapeDataString(path).Replace("%2F", "/", StringComparison.Ordinal) + "?immutable=1";
            try
            {
                store = OpenReading(dataDirectory, path, new SqliteConnectionStringBuilder { DataSource = uri, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString(), immutable: true, bringUpToDate);
            }
            catch (DataDirectoryException)
            {
                throw first;
            }
        }

        // An older schema is brought up to date first, which writes.
        return store ?? Open(dataDirectory);
    }

    /// <summary>
    /// Refuses, before SQLite opens anything, a data directory that is a symbolic link, not a directory or
    /// another user's, and a store file or journal (<c>-wal</c>, <c>-shm</c>, <c>-journal</c>) that is a
    /// symbolic link, not a regular file or another user's, as <see cref="Open"/> does; changes nothing
    /// (no mode is tightened), so that a reader never writes.
    /// </summary>
    /// <exception cref="DataDirectoryException">The directory or a file is refused; the message names it.</exception>
    private static void RefuseForeign(string dataDirectory, string path)
    {
        if (PrivateDirectory.Problem(dataDirectory) is { } problem)
        {
            throw new DataDirectoryException(dataDirectory, problem + "; refusing it");
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            if (PrivateFile.Problem(file) is { } foreign)
            {
                throw new DataDirectoryException(dataDirectory, $"{file}: {foreign}; refusing it");
            }
        }
    }

    /// <summary>True when there was no store to read (see <see cref="OpenReadOnly"/>): this one is empty, held in memory, and nothing was written.</summary>
    public bool NothingStored { get; private init; }

    /// <summary>An empty store of the current schema held in memory, standing for the missing <paramref name="path"/>.</summary>
    private static SqliteDeathStore Empty(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = ":memory:", Pooling = false }.ToString());
        try
        {
            connection.Open();
            Migrate(connection, () => connection.BeginTransaction(deferred: false), "INTEGER PRIMARY KEY AUTOINCREMENT");
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new SqliteDeathStore(connection, path) { NothingStored = true };
    }

    /// <summary>True when the store was opened immutable (see <see cref="OpenReadOnly"/>): what it reads may miss a write still in the WAL.</summary>
    public bool ReadWithoutLocks { get; private init; }

    /// <summary>
    /// The store opened for reading with <paramref name="connectionString"/>; null when its schema is older
    /// than this code's (it needs migrating) and <paramref name="bringUpToDate"/>, refused when not.
    /// </summary>
    private static SqliteDeathStore? OpenReading(string dataDirectory, string path, string connectionString, bool immutable, bool bringUpToDate)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = 30000");
            using var version = connection.CreateCommand();
            version.CommandText = "SELECT version FROM schema_info";
            var found = version.ExecuteScalar() is { } v and not DBNull ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : 0;
            if (found < 0 || found > StoreSchema.Version)
            {
                throw new DataDirectoryException(dataDirectory, Refusal(path, found));
            }

            if (found < StoreSchema.Version && !bringUpToDate)
            {
                throw new DataDirectoryException(dataDirectory, OlderRefusal(path, found));
            }

            if (found < StoreSchema.Version)
            {
                connection.Dispose();
                return null;
            }
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new DataDirectoryException(dataDirectory, $"{path} is not a usable PanicPath store ({e.Message})");
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new SqliteDeathStore(connection, path) { ReadWithoutLocks = immutable };
    }

    /// <summary>
    /// Rehearses storing <paramref name="sample"/> in a transaction rolled back (<see cref="SqlDeathStore.RehearseAsync"/>):
    /// no row, no bucket, and the id counter and the WAL file as they were.
    /// </summary>
    public override Task WarmUpAsync(DeathRecord sample, CancellationToken cancellationToken = default) => RehearseAsync(sample, cancellationToken);

    /// <inheritdoc />
    protected override bool KeepsConnection => true;

    /// <inheritdoc />
    protected override Task<DbConnection> ConnectAsync(CancellationToken cancellationToken) => Task.FromResult<DbConnection>(connection);

    /// <inheritdoc />
    protected override ValueTask Release(DbConnection connection) => ValueTask.CompletedTask;

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            DisposeCompletion();
            TruncateGrownLog();
            connection.Dispose();
        }

        base.Dispose(disposing);
    }
}
