using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace PanicPath.Supervisor.Store;

/// <summary>
/// The default store: one SQLite file (<see cref="DataDirectory.DatabaseFileName"/>) in the data
/// directory, in WAL mode with a busy timeout so that several supervisors and readers can share it.
/// The schema is created or brought up to date on open (<see cref="StoreMigrations"/>) and one
/// connection is kept open until disposed. Adding a death whose run id and attempt are already stored
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

    /// <summary>Opens (creating if needed) the store in <paramref name="dataDirectory"/>.</summary>
    public static SqliteDeathStore Open(string dataDirectory)
    {
        var path = DataDirectory.PrepareDatabase(dataDirectory);
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 30 };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = 30000");
            Execute(connection, "PRAGMA journal_mode = WAL");
            Execute(connection, "PRAGMA synchronous = NORMAL");
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

        return new SqliteDeathStore(connection, path);
    }

    /// <inheritdoc />
    protected override Task<DbConnection> ConnectAsync(CancellationToken cancellationToken) => Task.FromResult<DbConnection>(connection);

    /// <inheritdoc />
    protected override ValueTask Release(DbConnection connection) => ValueTask.CompletedTask;

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            connection.Dispose();
        }

        base.Dispose(disposing);
    }
}
