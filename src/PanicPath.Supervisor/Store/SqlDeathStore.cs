using System.Data.Common;
using System.Globalization;
using System.Text;
using PanicPath.Reports;
using PanicPath.Supervisor.Deaths;

namespace PanicPath.Supervisor.Store;

/// <summary>
/// A store over ADO.NET connections to a database holding the <see cref="StoreSchema"/> tables: the
/// part SQLite and PostgreSQL share (bringing the schema up to date by <see cref="StoreMigrations"/>, a death's
/// parameters, reading death and bucket rows, times as ISO 8601 UTC text). Each call takes a connection
/// from <see cref="ConnectAsync"/> and hands it back to <see cref="Release"/>; calls are serialised.
/// Each death and its bucket count (none for a run that ended cleanly) are written in one transaction, and a death whose run id and
/// attempt are already stored complete changes nothing and answers the stored id; one stored pending (at its first report) is
/// completed in place and counted then.
/// </summary>
public abstract class SqlDeathStore : IDeathStore
{
    private const string Columns = "id, run_id, attempt, command, pid, cause, exit_code, signal, report, dump, crash_report, signature, title, stdout_tail, stderr_tail, started_at, ended_at, host, dump_pruned_at, pending, exception_type, exception_message, exception_stack";
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>The statement that stores a death complete, compiled once on the one connection of a store that keeps it (<see cref="KeepsConnection"/>); null until <see cref="PrepareCompletion"/>.</summary>
    private DbCommand? completion;

    /// <summary>Where the store is, for messages: a file, or a database on a server (never with a password).</summary>
    public abstract string Location { get; }

    /// <inheritdoc />
    public Task<DeathRecord> AddAsync(DeathRecord death, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(death);
        return WithConnectionAsync(async connection =>
        {
            using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (await CompleteAsync(connection, transaction, death, cancellationToken).ConfigureAwait(false) is not { } id)
            {
                // Already recorded complete (same run and attempt): answer the stored record, count nothing twice.
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return death with { Id = await StoredIdAsync(connection, null, death, cancellationToken).ConfigureAwait(false), Pending = false };
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return death with { Id = id, Pending = false };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<DeathRecord> AddPendingAsync(DeathRecord death, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(death);
        return WithConnectionAsync(connection => PendingAsync(connection, null, death, cancellationToken), cancellationToken);
    }

    /// <summary>Does nothing here; a store that can rehearse a death without a trace overrides it (see <see cref="RehearseAsync"/>).</summary>
    public virtual Task WarmUpAsync(DeathRecord sample, CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task<DeathRecord?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var found = await QueryAsync($"SELECT {Columns} FROM deaths WHERE id = @id", [("@id", id)], ReadDeath, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeathRecord>> ListAsync(int limit, bool includeCleanExits = false, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var which = includeCleanExits ? string.Empty : $"WHERE cause <> '{DeathCause.CleanExit}' ";
        return QueryAsync($"SELECT {Columns} FROM deaths {which}ORDER BY id DESC LIMIT @limit", [("@limit", limit)], ReadDeath, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeathRecord>> QueryAsync(DeathQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, DeathQuery.MaxLimit);
        var conditions = new List<string>();
        var parameters = new List<(string Name, object? Value)> { ("@limit", query.Limit) };
        void Where(string condition, string name, object value)
        {
            conditions.Add(condition);
            parameters.Add((name, value));
        }

        if (query.Cause is { } cause)
        {
            Where("cause = @cause", "@cause", cause);
        }
        else if (!query.IncludeCleanExits)
        {
            conditions.Add($"cause <> '{DeathCause.CleanExit}'");
        }

        if (query.Signature is { } signature)
        {
            Where("signature = @signature", "@signature", signature);
        }

        if (query.Command is { Length: > 0 } command)
        {
            // LIKE with its wildcards escaped, both sides lowered: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
            var escaped = command.ToLowerInvariant().Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
            Where(@"LOWER(command) LIKE @command ESCAPE '\'", "@command", $"%{escaped}%");
        }

        if (query.Since is { } since)
        {
            Where("ended_at >= @since", "@since", Time(since));
        }

        if (query.Until is { } until)
        {
            Where("ended_at < @until", "@until", Time(until));
        }

        if (query.BeforeId is { } before)
        {
            Where("id < @before", "@before", before);
        }

        var where = conditions.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", conditions) + " ";
        return QueryAsync($"SELECT {Columns} FROM deaths {where}ORDER BY id DESC LIMIT @limit", [.. parameters], ReadDeath, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<BucketCount>> BucketHistoryAsync(BucketPeriod period, CancellationToken cancellationToken = default)
    {
        // A stored time is ISO 8601 UTC text of fixed width: its first characters name its hour or day.
        var length = string.Create(CultureInfo.InvariantCulture, $"{(int)period}");
        var sql = $"""
            SELECT signature, SUBSTR(ended_at, 1, {length}) AS period, COUNT(*) FROM deaths
            WHERE cause <> '{DeathCause.CleanExit}' AND pending = 0
            GROUP BY signature, SUBSTR(ended_at, 1, {length})
            ORDER BY signature, period
            """;
        return QueryAsync(sql, [], reader => new BucketCount(reader.GetString(0), PeriodStart(reader.GetString(1), period), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture)), cancellationToken);
    }

    /// <summary>The start of the period named by <paramref name="prefix"/> (a stored time's first characters).</summary>
    private static DateTimeOffset PeriodStart(string prefix, BucketPeriod period) => DateTimeOffset.ParseExact(
        period == BucketPeriod.Hour ? prefix + ":00:00Z" : prefix + "T00:00:00Z", "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
        DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <inheritdoc />
    public Task<int> MarkDumpPrunedAsync(string dump, string host, DateTimeOffset writtenAt, DateTimeOffset prunedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dump);
        ArgumentNullException.ThrowIfNull(host);
        return WithConnectionAsync(async connection =>
        {
            using var mark = Command(connection, StoreSchema.MarkDumpPruned, null,
                ("@pruned", Time(prunedAt)), ("@dump", dump), ("@host", host), ("@written", Time(writtenAt)));
            return await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeathBucket>> BucketsAsync(CancellationToken cancellationToken = default) =>
        QueryAsync("SELECT signature, cause, title, count, first_seen, last_seen FROM buckets ORDER BY count DESC, last_seen DESC", [], ReadBucket, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the store holds.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            gate.Dispose();
        }
    }

    /// <summary>
    /// True for a store whose <see cref="ConnectAsync"/> answers the same connection at every call (SQLite):
    /// <see cref="PrepareCompletion"/> then compiles the statement that stores a death complete once, and
    /// every death stored complete runs it with its own values.
    /// </summary>
    protected virtual bool KeepsConnection => false;

    /// <summary>
    /// On a store that keeps its connection (<see cref="KeepsConnection"/>), compiles now the statement that
    /// stores a death complete (<see cref="StoreSchema.InsertDeath"/>), so that the first death stored after
    /// this, the record of a child's exit, does not pay for compiling it. Does nothing on another store, or
    /// when it is compiled already.
    /// </summary>
    /// <exception cref="DbException">The statement could not be compiled (the store's schema is not the one this code writes).</exception>
    protected void PrepareCompletion(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!KeepsConnection || completion is not null)
        {
            return;
        }

        var command = DeathCommand(connection, StoreSchema.InsertDeath, null, Placeholder);
        try
        {
            command.Prepare();
        }
        catch
        {
            command.Dispose();
            throw;
        }

        completion = command;
    }

    /// <summary>Disposes the compiled statement of <see cref="PrepareCompletion"/>, before its connection closes.</summary>
    protected void DisposeCompletion()
    {
        completion?.Dispose();
        completion = null;
    }

    /// <summary>The values the statement of <see cref="PrepareCompletion"/> is compiled with; never stored.</summary>
    private static readonly DeathRecord Placeholder = new()
    {
        RunId = string.Empty,
        Command = string.Empty,
        Cause = string.Empty,
        Signature = string.Empty,
        Title = string.Empty,
        StdoutTail = string.Empty,
        StderrTail = string.Empty,
    };

    /// <summary>An open connection to the store's database, for one call.</summary>
    protected abstract Task<DbConnection> ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Takes back a connection <see cref="ConnectAsync"/> gave when the call is done with it.</summary>
    protected abstract ValueTask Release(DbConnection connection);

    /// <summary>
    /// Brings the store's schema up to <see cref="StoreSchema.Version"/>: each missing step of
    /// <see cref="StoreMigrations.All"/> runs in a transaction of its own from <paramref name="begin"/>
    /// (which also takes whatever lock makes concurrent openers wait), with the version it reaches
    /// recorded in the same transaction, so that a store interrupted between steps is at the last
    /// completed one and the next open goes on from there. The version is read again inside each
    /// transaction, so an opener that waited finds another's work done. <paramref name="idColumn"/>
    /// is the id column's declaration. Answers null when the store is at <see cref="StoreSchema.Version"/>,
    /// else the version found when it is newer than this code (or not one any version writes), untouched.
    /// </summary>
    protected static long? Migrate(DbConnection connection, Func<DbTransaction> begin, string idColumn)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(begin);
        while (true)
        {
            using var transaction = begin();
            Execute(connection, "CREATE TABLE IF NOT EXISTS schema_info (version INTEGER NOT NULL)", transaction);
            using var read = Command(connection, "SELECT version FROM schema_info", transaction);
            var found = read.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
            if (found == StoreSchema.Version)
            {
                transaction.Commit();
                return null;
            }

            if (found < 0 || found > StoreSchema.Version)
            {
                transaction.Rollback();
                return found;
            }

            var step = StoreMigrations.All[(int)found];
            foreach (var statement in step.Statements(idColumn))
            {
                Execute(connection, statement, transaction);
            }

            var version = string.Create(CultureInfo.InvariantCulture, $"{step.Version}");
            using var update = Command(connection, $"UPDATE schema_info SET version = {version}", transaction);
            if (update.ExecuteNonQuery() == 0)
            {
                Execute(connection, $"INSERT INTO schema_info (version) VALUES ({version})", transaction);
            }

            transaction.Commit();
        }
    }

    /// <summary>The one line a store of schema version <paramref name="found"/> (see <see cref="Migrate"/>) is refused with, naming <paramref name="location"/>.</summary>
    protected static string Refusal(string location, long found) => found < 0
        ? string.Create(CultureInfo.InvariantCulture, $"{location} has store schema version {found}, which no version of panicpath writes")
        : string.Create(CultureInfo.InvariantCulture, $"{location} has store schema version {found}, newer than this version of panicpath, which reads store schema versions up to {StoreSchema.Version}: upgrade panicpath to use this store");

    /// <summary>The one line a store of the older schema version <paramref name="found"/> is refused with by a reader that never writes, naming <paramref name="location"/>.</summary>
    protected static string OlderRefusal(string location, long found) =>
        string.Create(CultureInfo.InvariantCulture, $"{location} has store schema version {found}, older than the version {StoreSchema.Version} this panicpath reads; this command never writes to a store, and any command that records or lists deaths ('panicpath run', 'panicpath reports list') brings it up to date");

    /// <summary>
    /// The rehearsal <see cref="IDeathStore.WarmUpAsync"/> asks for: in one transaction, rolled back,
    /// <paramref name="sample"/> is stored pending, completed and counted in its bucket through the very code
    /// <see cref="AddPendingAsync"/> and <see cref="AddAsync"/> run, so none of it is compiled at the first
    /// real death. For a database where a rolled-back insert leaves nothing behind (SQLite: the id counter
    /// and the WAL are untouched), not one whose id sequence would move.
    /// </summary>
    protected Task RehearseAsync(DeathRecord sample, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return WithConnectionAsync(async connection =>
        {
            using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var pending = await PendingAsync(connection, transaction, sample, cancellationToken).ConfigureAwait(false);
            await CompleteAsync(connection, transaction, sample, cancellationToken).ConfigureAwait(false);
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return pending;
        }, cancellationToken);
    }

    /// <summary>Runs one statement that answers no rows.</summary>
    protected static void Execute(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = Command(connection, sql, transaction);
        command.ExecuteNonQuery();
    }

    private Task<IReadOnlyList<T>> QueryAsync<T>(string sql, (string Name, object? Value)[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken) =>
        WithConnectionAsync<IReadOnlyList<T>>(async connection =>
        {
            using var query = Command(connection, sql, null, parameters);
            using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(read(reader));
            }

            return rows;
        }, cancellationToken);

    private async Task<T> WithConnectionAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await work(connection).ConfigureAwait(false);
            }
            finally
            {
                await Release(connection).ConfigureAwait(false);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A command of <paramref name="sql"/> with <paramref name="death"/>'s fields as @run … @exstack.</summary>
    private static DbCommand DeathCommand(DbConnection connection, string sql, DbTransaction? transaction, DeathRecord death) =>
        Command(connection, sql, transaction, DeathValues(death));

    /// <summary><paramref name="death"/>'s fields as the parameters @run … @exstack, in the order <see cref="DeathCommand"/> adds them.</summary>
    private static (string Name, object? Value)[] DeathValues(DeathRecord death) =>
    [
        ("@run", death.RunId), ("@attempt", death.Attempt), ("@command", death.Command), ("@pid", death.Pid),
        ("@cause", death.Cause), ("@exit", death.ExitCode), ("@signal", death.Signal),
        ("@report", death.Report is null ? null : Encoding.UTF8.GetString(death.Report.ToUtf8Json())),
        ("@dump", death.Dump), ("@crash", death.CrashReport), ("@signature", death.Signature), ("@title", death.Title),
        ("@stdout", death.StdoutTail), ("@stderr", death.StderrTail), ("@started", Time(death.StartedAt)), ("@ended", Time(death.EndedAt)),
        ("@host", death.Host), ("@pruned", death.DumpPrunedAt is { } pruned ? Time(pruned) : null),
        ("@extype", death.ExceptionType), ("@exmessage", death.ExceptionMessage), ("@exstack", death.ExceptionStack),
    ];

    /// <summary>
    /// The statement that stores <paramref name="death"/> complete in <paramref name="transaction"/>: the one
    /// compiled by <see cref="PrepareCompletion"/> with <paramref name="death"/>'s values (not to be disposed),
    /// or a new one (to be disposed). Answers which.
    /// </summary>
    private (DbCommand Command, bool Kept) CompletionCommand(DbConnection connection, DbTransaction transaction, DeathRecord death)
    {
        if (completion is not { } kept || !ReferenceEquals(kept.Connection, connection))
        {
            return (DeathCommand(connection, StoreSchema.InsertDeath, transaction, death), false);
        }

        kept.Transaction = transaction;
        var values = DeathValues(death);
        for (var i = 0; i < values.Length; i++)
        {
            kept.Parameters[i].Value = values[i].Value ?? DBNull.Value;
        }

        return (kept, true);
    }

    /// <summary>Stores <paramref name="death"/> pending unless its run id and attempt are stored already; answers it with its id.</summary>
    private static async Task<DeathRecord> PendingAsync(DbConnection connection, DbTransaction? transaction, DeathRecord death, CancellationToken cancellationToken)
    {
        using var insert = DeathCommand(connection, StoreSchema.InsertPendingDeath, transaction, death);
        var id = await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long added
            ? added
            : await StoredIdAsync(connection, transaction, death, cancellationToken).ConfigureAwait(false);
        return death with { Id = id, Pending = true };
    }

    /// <summary>
    /// Stores <paramref name="death"/> complete (a pending one is completed in place) and counts it in its
    /// bucket (a clean exit in none), in <paramref name="transaction"/>; null when it was stored complete already.
    /// </summary>
    private async Task<long?> CompleteAsync(DbConnection connection, DbTransaction transaction, DeathRecord death, CancellationToken cancellationToken)
    {
        var (insert, kept) = CompletionCommand(connection, transaction, death);
        object? added;
        try
        {
            added = await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (kept)
            {
                insert.Transaction = null;
            }
            else
            {
                await insert.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (added is not long id)
        {
            return null;
        }

        if (!death.EndedCleanly)
        {
            using var bucket = Command(connection, StoreSchema.UpsertBucket, transaction,
                ("@signature", death.Signature), ("@cause", death.Cause), ("@title", death.Title), ("@seen", Time(death.EndedAt)));
            await bucket.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return id;
    }

    /// <summary>The id stored for <paramref name="death"/>'s run id and attempt.</summary>
    private static async Task<long> StoredIdAsync(DbConnection connection, DbTransaction? transaction, DeathRecord death, CancellationToken cancellationToken)
    {
        using var existing = Command(connection, "SELECT id FROM deaths WHERE run_id = @run AND attempt = @attempt", transaction, ("@run", death.RunId), ("@attempt", death.Attempt));
        return Convert.ToInt64(await existing.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static DbCommand Command(DbConnection connection, string sql, DbTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static DeathRecord ReadDeath(DbDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        RunId = reader.GetString(1),
        Attempt = reader.GetInt32(2),
        Command = reader.GetString(3),
        Pid = reader.GetInt32(4),
        Cause = reader.GetString(5),
        ExitCode = reader.GetInt32(6),
        Signal = Text(reader, 7),
        Report = Text(reader, 8) is { } report ? CrashReport.Parse(Encoding.UTF8.GetBytes(report)) : null,
        Dump = Text(reader, 9),
        CrashReport = Text(reader, 10),
        Signature = reader.GetString(11),
        Title = reader.GetString(12),
        StdoutTail = reader.GetString(13),
        StderrTail = reader.GetString(14),
        StartedAt = Parse(reader.GetString(15)),
        EndedAt = Parse(reader.GetString(16)),
        Host = Text(reader, 17),
        DumpPrunedAt = Text(reader, 18) is { } pruned ? Parse(pruned) : null,
        Pending = Convert.ToInt64(reader.GetValue(19), CultureInfo.InvariantCulture) != 0,
        ExceptionType = Text(reader, 20),
        ExceptionMessage = Text(reader, 21),
        ExceptionStack = Text(reader, 22),
    };

    private static DeathBucket ReadBucket(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture), Parse(reader.GetString(4)), Parse(reader.GetString(5)));

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
