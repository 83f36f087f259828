using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using PanicPath.Reports;
using PanicPath.Supervisor.Deaths;

namespace PanicPath.Supervisor.Store;

/// <summary>
/// The default store: one SQLite file (<see cref="DataDirectory.DatabaseFileName"/>) in the data
/// directory, in WAL mode with a busy timeout so that several supervisors and readers can share it.
/// The tables are created on open. Adding a death whose run id and attempt are already stored changes
/// nothing and answers the stored id. A file that is not a PanicPath store of a known schema version
/// throws <see cref="DataDirectoryException"/>.
/// </summary>
public sealed class SqliteDeathStore : IDeathStore
{
    private const string Columns = "id, run_id, attempt, command, pid, cause, exit_code, signal, report, dump, crash_report, signature, title, stdout_tail, stderr_tail, started_at, ended_at";
    private readonly SqliteConnection connection;
    private readonly SemaphoreSlim gate = new(1, 1);

    private SqliteDeathStore(SqliteConnection connection, string path)
    {
        this.connection = connection;
        Path = path;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating if needed) the store in <paramref name="dataDirectory"/>.</summary>
    public static SqliteDeathStore Open(string dataDirectory)
    {
        DataDirectory.Prepare(dataDirectory);
        var path = System.IO.Path.Combine(dataDirectory, DataDirectory.DatabaseFileName);
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 30 };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = 30000");
            Execute(connection, "PRAGMA journal_mode = WAL");
            Execute(connection, "PRAGMA synchronous = NORMAL");
            using (var transaction = connection.BeginTransaction())
            {
                foreach (var statement in StoreSchema.Create("INTEGER PRIMARY KEY AUTOINCREMENT"))
                {
                    Execute(connection, statement, transaction);
                }

                using var version = connection.CreateCommand();
                version.Transaction = transaction;
                version.CommandText = "SELECT version FROM schema_info";
                switch (version.ExecuteScalar())
                {
                    case null:
                        version.CommandText = $"INSERT INTO schema_info (version) VALUES ({StoreSchema.Version})";
                        version.ExecuteNonQuery();
                        break;
                    case long found when found != StoreSchema.Version:
                        throw new DataDirectoryException(dataDirectory, $"{path} has store schema version {found}; this version of panicpath reads {StoreSchema.Version}");
                }

                transaction.Commit();
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
    public async Task<DeathRecord> AddAsync(DeathRecord death, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(death);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = StoreSchema.InsertDeath;
            insert.Parameters.AddWithValue("@run", death.RunId);
            insert.Parameters.AddWithValue("@attempt", death.Attempt);
            insert.Parameters.AddWithValue("@command", death.Command);
            insert.Parameters.AddWithValue("@pid", death.Pid);
            insert.Parameters.AddWithValue("@cause", death.Cause);
            insert.Parameters.AddWithValue("@exit", death.ExitCode);
            insert.Parameters.AddWithValue("@signal", (object?)death.Signal ?? DBNull.Value);
            insert.Parameters.AddWithValue("@report", death.Report is null ? DBNull.Value : Encoding.UTF8.GetString(death.Report.ToUtf8Json()));
            insert.Parameters.AddWithValue("@dump", (object?)death.Dump ?? DBNull.Value);
            insert.Parameters.AddWithValue("@crash", (object?)death.CrashReport ?? DBNull.Value);
            insert.Parameters.AddWithValue("@signature", death.Signature);
            insert.Parameters.AddWithValue("@title", death.Title);
            insert.Parameters.AddWithValue("@stdout", death.StdoutTail);
            insert.Parameters.AddWithValue("@stderr", death.StderrTail);
            insert.Parameters.AddWithValue("@started", Time(death.StartedAt));
            insert.Parameters.AddWithValue("@ended", Time(death.EndedAt));
            if (await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long id)
            {
                // Already recorded (same run and attempt): answer the stored record, count nothing twice.
                transaction.Rollback();
                using var existing = connection.CreateCommand();
                existing.CommandText = "SELECT id FROM deaths WHERE run_id = @run AND attempt = @attempt";
                existing.Parameters.AddWithValue("@run", death.RunId);
                existing.Parameters.AddWithValue("@attempt", death.Attempt);
                var storedId = (long)(await existing.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                return death with { Id = storedId };
            }

            using var bucket = connection.CreateCommand();
            bucket.Transaction = transaction;
            bucket.CommandText = StoreSchema.UpsertBucket;
            bucket.Parameters.AddWithValue("@signature", death.Signature);
            bucket.Parameters.AddWithValue("@cause", death.Cause);
            bucket.Parameters.AddWithValue("@title", death.Title);
            bucket.Parameters.AddWithValue("@seen", Time(death.EndedAt));
            await bucket.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            transaction.Commit();
            return death with { Id = id };
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<DeathRecord?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var found = await QueryAsync($"SELECT {Columns} FROM deaths WHERE id = @id", ("@id", id), cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeathRecord>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return QueryAsync($"SELECT {Columns} FROM deaths ORDER BY id DESC LIMIT @limit", ("@limit", limit), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeathBucket>> BucketsAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var query = connection.CreateCommand();
            query.CommandText = "SELECT signature, cause, title, count, first_seen, last_seen FROM buckets ORDER BY count DESC, last_seen DESC";
            using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var buckets = new List<DeathBucket>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                buckets.Add(new DeathBucket(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), Parse(reader.GetString(4)), Parse(reader.GetString(5))));
            }

            return buckets;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        connection.Dispose();
        gate.Dispose();
    }

    private async Task<IReadOnlyList<DeathRecord>> QueryAsync(string sql, (string Name, object Value) parameter, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var query = connection.CreateCommand();
            query.CommandText = sql;
            query.Parameters.AddWithValue(parameter.Name, parameter.Value);
            using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var deaths = new List<DeathRecord>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                deaths.Add(new DeathRecord
                {
                    Id = reader.GetInt64(0),
                    RunId = reader.GetString(1),
                    Attempt = reader.GetInt32(2),
                    Command = reader.GetString(3),
                    Pid = reader.GetInt32(4),
                    Cause = reader.GetString(5),
                    ExitCode = reader.GetInt32(6),
                    Signal = reader.IsDBNull(7) ? null : reader.GetString(7),
                    Report = reader.IsDBNull(8) ? null : CrashReport.Parse(Encoding.UTF8.GetBytes(reader.GetString(8))),
                    Dump = reader.IsDBNull(9) ? null : reader.GetString(9),
                    CrashReport = reader.IsDBNull(10) ? null : reader.GetString(10),
                    Signature = reader.GetString(11),
                    Title = reader.GetString(12),
                    StdoutTail = reader.GetString(13),
                    StderrTail = reader.GetString(14),
                    StartedAt = Parse(reader.GetString(15)),
                    EndedAt = Parse(reader.GetString(16)),
                });
            }

            return deaths;
        }
        finally
        {
            gate.Release();
        }
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
