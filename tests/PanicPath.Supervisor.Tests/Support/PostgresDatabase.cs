using Npgsql;

namespace PanicPath.Supervisor.Tests.Support;

/// <summary>
/// A database of its own on the test server for one test class, created on first use and dropped
/// (with any connection still open) on dispose; each <see cref="NewSchema"/> is an empty schema in it
/// whose connection string puts it first on the search path, so that every test starts on empty tables.
/// </summary>
public sealed class PostgresDatabase : IDisposable
{
    private readonly Lock gate = new();
    private string? name;

    /// <summary>A connection string for a new, empty schema in this class's database.</summary>
    public string NewSchema()
    {
        var database = Database();
        var schema = "s_" + Guid.NewGuid().ToString("N");
        var builder = new NpgsqlConnectionStringBuilder(PostgresTestServer.Require()) { Database = database };
        Execute(builder.ConnectionString, $"CREATE SCHEMA {schema}");
        builder.SearchPath = schema;
        return builder.ConnectionString;
    }

    /// <summary>A connection string to this class's database, without a schema of its own.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(PostgresTestServer.Require()) { Database = Database() }.ConnectionString;

    public void Dispose()
    {
        if (name is not null)
        {
            Execute(PostgresTestServer.Require(), $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private string Database()
    {
        lock (gate)
        {
            if (name is null)
            {
                var created = "panicpath_test_" + Guid.NewGuid().ToString("N");
                Execute(PostgresTestServer.Require(), $"CREATE DATABASE {created}");
                name = created;
            }

            return name;
        }
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
