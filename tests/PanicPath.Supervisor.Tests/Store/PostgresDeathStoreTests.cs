using Npgsql;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Store;

public sealed class PostgresDeathStoreTests(PostgresDatabase database) : DeathStoreBehaviour, IClassFixture<PostgresDatabase>
{
    private readonly Lazy<string> schema = new(database.NewSchema);

    protected override Type Refusal => typeof(PostgresStoreException);

    protected override SqlDeathStore Open() => PostgresDeathStore.Open(schema.Value);

    protected override SqlDeathStore OpenForViewing() => PostgresDeathStore.OpenReadOnly(schema.Value);

    protected override void SetSchemaVersion(int version)
    {
        using var connection = new NpgsqlConnection(schema.Value);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE schema_info SET version = @version";
        command.Parameters.AddWithValue("version", version);
        command.ExecuteNonQuery();
    }

    protected override string StoreName => $"PostgreSQL database '{new NpgsqlConnectionStringBuilder(schema.Value).Database}'";

    protected override void LoadVersion1Store()
    {
        using var connection = new NpgsqlConnection(schema.Value);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = File.ReadAllText(Version1Store.PostgresScript);
        command.ExecuteNonQuery();
    }

    protected override long[] SchemaVersions()
    {
        using var connection = new NpgsqlConnection(schema.Value);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_info";
        using var reader = command.ExecuteReader();
        var versions = new List<long>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt64(0));
        }

        return [.. versions];
    }

    protected override string IdColumn => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    protected override void ExecuteRaw(IEnumerable<string> statements)
    {
        using var connection = new NpgsqlConnection(schema.Value);
        connection.Open();
        foreach (var statement in statements)
        {
            using var command = connection.CreateCommand();
            command.CommandText = statement;
            command.ExecuteNonQuery();
        }
    }

    [Fact]
    public void A_database_without_a_store_opened_for_viewing_is_refused_and_nothing_is_created()
    {
        var error = Assert.Throws<PostgresStoreException>(() => PostgresDeathStore.OpenReadOnly(schema.Value));

        Assert.Contains("holds no PanicPath store", error.Message, StringComparison.Ordinal);
        using var connection = new NpgsqlConnection(schema.Value);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()";
        Assert.Equal(0L, command.ExecuteScalar());
    }

    [Fact]
    public void The_id_column_is_a_bigint_identity()
    {
        Open().Dispose();

        using var connection = new NpgsqlConnection(schema.Value);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT data_type, is_identity, identity_generation FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'deaths' AND column_name = 'id'";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(("bigint", "YES", "ALWAYS"), (reader.GetString(0), reader.GetString(1), reader.GetString(2)));
    }

    [Fact]
    public async Task A_store_keeps_adding_after_the_server_ends_every_connection_to_its_database()
    {
        using var store = Open();
        await store.AddAsync(Death("before", T0));

        using (var connection = new NpgsqlConnection(schema.Value))
        {
            connection.Open();
            using var terminate = connection.CreateCommand();
            terminate.CommandText = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()";
            terminate.ExecuteScalar();
        }

        await store.AddAsync(Death("after", T0));
        Assert.Equal(["after", "before"], (await store.ListAsync(10)).Select(d => d.Signature).ToArray());
    }

    [Fact]
    public void A_wrong_password_is_refused_with_the_server_reason_and_the_password_masked()
    {
        var wrong = new NpgsqlConnectionStringBuilder(schema.Value) { Password = "not-the-password-4711" }.ConnectionString;

        var error = Assert.Throws<PostgresStoreException>(() => PostgresDeathStore.Open(wrong));

        Assert.Contains("password authentication failed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password-4711", error.Message, StringComparison.Ordinal);
        Assert.Contains("Password=***", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
