using System.Net;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Cli;

/// <summary>
/// <c>panicpath ui --postgres</c> shows a PostgreSQL store as it shows SQLite, and only reads it: a
/// database without a store is one line and exit 2, and nothing is created in it.
/// </summary>
public sealed class UiPostgresTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task The_view_of_a_postgres_store_lists_its_deaths_and_buckets_and_shows_each_death()
    {
        var connection = database.NewSchema();
        DeathRecord stored;
        using (var writer = PostgresDeathStore.Open(connection))
        {
            stored = await writer.AddAsync(new DeathRecord
            {
                RunId = "run-1",
                Command = "dotnet Orders.dll",
                Cause = DeathCause.Signal,
                Signal = "SIGSEGV",
                ExitCode = 139,
                Signature = "00000000deadbeef",
                Title = "SIGSEGV in Orders",
                StartedAt = DateTimeOffset.UtcNow.AddSeconds(-2),
                EndedAt = DateTimeOffset.UtcNow,
            });
        }

        using var temp = new TempDirectory();
        await using var ui = await UiProcess.Start(["--postgres", connection, "--data", temp.Sub("data")]);
        using var http = ui.Client();

        Assert.Equal([stored.Id], UiCommandTests.Rows(await UiCommandTests.Get(http, "/?command=orders", HttpStatusCode.OK)));
        Assert.Contains("data-signature=\"00000000deadbeef\"", await UiCommandTests.Get(http, "/buckets", HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Contains("SIGSEGV in Orders", await UiCommandTests.Get(http, $"/deaths/{stored.Id}", HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Equal(0, await ui.Stop(15));
        Assert.False(Directory.Exists(temp.Sub("data")), "the view of a PostgreSQL store made a data directory");
    }

    [Fact]
    public async Task A_postgres_database_without_a_store_is_one_line_and_exit_2_and_nothing_is_created_in_it()
    {
        var connection = database.NewSchema();

        var (exit, output, error) = await CliProcess.Run(new Dictionary<string, string?>(), "ui", "--postgres", connection);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--postgres: ", line, StringComparison.Ordinal);
        Assert.Contains("holds no PanicPath store", line, StringComparison.Ordinal);
        await using var raw = new Npgsql.NpgsqlConnection(connection);
        await raw.OpenAsync();
        await using var tables = raw.CreateCommand();
        tables.CommandText = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()";
        Assert.Equal(0L, await tables.ExecuteScalarAsync());
    }
}
