using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using Npgsql;

namespace PanicPath.Supervisor.Store;

/// <summary>
/// The store in a PostgreSQL database, for a fleet of machines reporting into one place: the same
/// tables as SQLite (<see cref="StoreSchema"/>, the id a <c>BIGINT GENERATED ALWAYS AS IDENTITY</c>),
/// created or brought up to date on open (<see cref="StoreMigrations"/>), each step under a
/// transaction-scoped advisory lock so that supervisors opening one database at once migrate it once. Each call connects anew (the connection string's pooling is
/// turned off), so a supervisor that waits days for a death outlives idle-connection timeouts and
/// server restarts in between. Adding a death whose run id and attempt are already stored
/// changes nothing and answers the stored id; bucket counts stay exact under concurrent adds. A
/// malformed connection string, a server that cannot be reached or refuses, or a database of a newer
/// schema version throws <see cref="PostgresStoreException"/> with the password masked.
/// </summary>
public sealed class PostgresDeathStore : SqlDeathStore
{
    /// <summary>The environment variable holding the connection string when no option gives one.</summary>
    public const string EnvironmentVariable = "PANICPATH_POSTGRES";

    /// <summary>The advisory lock key held while the schema is migrated ("PanicPath" in ASCII, cut to 64 bits).</summary>
    private const long SchemaLock = 0x50616E6963506174;

    private readonly string connectionString;

    private PostgresDeathStore(string connectionString, string location)
    {
        this.connectionString = connectionString;
        Location = location;
    }

    /// <inheritdoc />
    public override string Location { get; }

    /// <summary>Connects with <paramref name="connectionString"/> (an Npgsql connection string) and creates the tables if needed.</summary>
    public static PostgresDeathStore Open(string connectionString)
    {
        var builder = Validate(connectionString);
        var masked = ConnectionStringMask.Apply(connectionString);
        builder.Pooling = false;
        var location = string.Create(CultureInfo.InvariantCulture, $"PostgreSQL database '{builder.Database ?? builder.Username}' on {builder.Host}:{builder.Port}");
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            var found = Migrate(connection, () => Locked(connection), "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY");
            if (found is { } newer)
            {
                throw new PostgresStoreException(masked, Refusal(location, newer));
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ArgumentException or IOException or SocketException or TimeoutException)
        {
            throw new PostgresStoreException(masked, Reason(e, builder.Password), e);
        }

        return new PostgresDeathStore(builder.ConnectionString, location);
    }

    /// <summary>
    /// Connects with <paramref name="connectionString"/> for reading only: every transaction of its
    /// connections is read-only (<c>default_transaction_read_only</c>), and nothing is created or migrated.
    /// A database holding no store, or one of another schema version than this code's, is refused.
    /// </summary>
    /// <exception cref="PostgresStoreException">The string is wrong, the server refuses, or the database holds no store of this schema version (the password masked).</exception>
    public static PostgresDeathStore OpenReadOnly(string connectionString)
    {
        var builder = Validate(connectionString);
        var masked = ConnectionStringMask.Apply(connectionString);
        builder.Pooling = false;
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c default_transaction_read_only=on" : builder.Options + " -c default_transaction_read_only=on";
        var location = string.Create(CultureInfo.InvariantCulture, $"PostgreSQL database '{builder.Database ?? builder.Username}' on {builder.Host}:{builder.Port}");
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        long found;
        try
        {
            connection.Open();
            using var version = connection.CreateCommand();
            version.CommandText = "SELECT version FROM schema_info";
            found = version.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            throw new PostgresStoreException(masked, $"{location} holds no PanicPath store: nothing has been recorded there (nothing was created)");
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ArgumentException or IOException or SocketException or TimeoutException)
        {
            throw new PostgresStoreException(masked, Reason(e, builder.Password), e);
        }

        if (found != StoreSchema.Version)
        {
            throw new PostgresStoreException(masked, found < StoreSchema.Version && found >= 0 ? OlderRefusal(location, found) : Refusal(location, found));
        }

        return new PostgresDeathStore(builder.ConnectionString, location);
    }

    /// <summary>A transaction that holds the schema lock until it ends, so that supervisors migrate one at a time.</summary>
    private static DbTransaction Locked(NpgsqlConnection connection)
    {
        var transaction = connection.BeginTransaction();
        Execute(connection, string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({SchemaLock})"), transaction);
        return transaction;
    }

    /// <summary>
    /// Checks <paramref name="connectionString"/> without connecting: not empty, well-formed, naming a
    /// host. A string that fails is a configuration mistake, not a server that is away.
    /// </summary>
    /// <exception cref="PostgresStoreException">The string is empty, malformed or names no host (the password masked).</exception>
    public static NpgsqlConnectionStringBuilder Validate(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var masked = ConnectionStringMask.Apply(connectionString);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new PostgresStoreException(masked, "the connection string is empty");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new PostgresStoreException(masked, $"the connection string is not valid: {Reason(e, null)}", e);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new PostgresStoreException(masked, "the connection string names no Host");
        }

        return builder;
    }

    /// <inheritdoc />
    protected override async Task<DbConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    protected override ValueTask Release(DbConnection connection) => connection.DisposeAsync();

    private static string Reason(Exception e, string? password)
    {
        var reasons = new List<string>();
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (!reasons.Contains(current.Message, StringComparer.Ordinal))
            {
                reasons.Add(current.Message);
            }
        }

        return ConnectionStringMask.Apply(string.Join(": ", reasons), password);
    }
}
