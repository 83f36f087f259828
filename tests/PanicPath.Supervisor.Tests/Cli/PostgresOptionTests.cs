using System.Text.Json;
using PanicPath.Cli;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Cli;

public sealed class PostgresOptionTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const string Secret = "s3cret-pa55word";

    [Theory]
    [InlineData("reports", "list")]
    [InlineData("reports", "buckets")]
    [InlineData("reports", "show", "1")]
    public async Task Reports_with_an_unreachable_postgres_server_are_bad_input_naming_the_option_and_the_reason(params string[] command)
    {
        var (exit, _, error) = await CliRun.Run([.. command, "--postgres", RefusedPort.ConnectionString(Secret)]);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("panicpath: --postgres: ", error, StringComparison.Ordinal);
        Assert.Contains("refused", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Secret, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_a_malformed_postgres_connection_string_is_a_run_failure_and_runs_nothing()
    {
        using var temp = new TempDirectory();
        var (exit, output, error) = await CliRun.Run("run", "--data", temp.Path, "--postgres", $"Host=127.0.0.1;Password={Secret};Colour=blue", "--", Crasher.Dotnet, Crasher.Dll, "exit3");

        Assert.Equal(ExitCodes.RunFailed, exit);
        Assert.Contains("panicpath: --postgres: ", error, StringComparison.Ordinal);
        Assert.Contains("not valid", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error, StringComparison.Ordinal);
        Assert.DoesNotContain("crasher", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_postgres_option_is_bad_input_rather_than_a_fall_back_to_sqlite()
    {
        using var temp = new TempDirectory();
        var (exit, _, error) = await CliRun.Run("reports", "list", "--data", temp.Path, "--postgres", "");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("panicpath: --postgres: ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(temp.Path, DataDirectory.DatabaseFileName)));
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task PANICPATH_POSTGRES_chooses_the_store_when_no_option_does_and_a_refusing_server_is_named_by_the_variable()
    {
        using var temp = new TempDirectory();
        var (exit, _, error) = await CliProcess.Run(
            new Dictionary<string, string?> { [PostgresDeathStore.EnvironmentVariable] = RefusedPort.ConnectionString(Secret), [DataDirectory.EnvironmentVariable] = temp.Path },
            "reports", "list");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains($"panicpath: {PostgresDeathStore.EnvironmentVariable}: ", error, StringComparison.Ordinal);
        Assert.Contains("refused", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Secret, error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(temp.Path, DataDirectory.DatabaseFileName)));
    }

    [Fact]
    public async Task A_death_run_with_postgres_is_listed_shown_and_bucketed_from_postgres()
    {
        using var temp = new TempDirectory();
        var postgres = database.NewSchema();

        var (exit, _, runError) = await CliRun.RunCrasher(temp, "exit3", "--postgres", postgres);
        var (listExit, listJson, _) = await CliRun.Run("reports", "list", "--postgres", postgres, "--json");
        var (_, bucketsJson, _) = await CliRun.Run("reports", "buckets", "--postgres", postgres, "--json");

        Assert.Equal(3, exit);
        Assert.Equal(ExitCodes.Fine, listExit);
        var record = Assert.Single(JsonDocument.Parse(listJson).RootElement.GetProperty("deaths").EnumerateArray().ToList());
        Assert.Equal("exit-code", record.GetProperty("cause").GetString());
        Assert.Equal(3, record.GetProperty("exitCode").GetInt32());
        var id = record.GetProperty("id").GetInt64();
        Assert.Contains($"recorded death {id}", runError, StringComparison.Ordinal);
        var bucket = Assert.Single(JsonDocument.Parse(bucketsJson).RootElement.GetProperty("buckets").EnumerateArray().ToList());
        Assert.Equal(1, bucket.GetProperty("count").GetInt64());
        var (showExit, showJson, _) = await CliRun.Run("reports", "show", $"{id}", "--postgres", postgres, "--json");
        Assert.Equal(ExitCodes.Fine, showExit);
        Assert.Equal(record.GetProperty("signature").GetString(), JsonDocument.Parse(showJson).RootElement.GetProperty("signature").GetString());
        Assert.False(File.Exists(Path.Combine(temp.Sub("data"), DataDirectory.DatabaseFileName)));
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task PANICPATH_POSTGRES_names_the_store_reports_read()
    {
        using var temp = new TempDirectory();
        var postgres = database.NewSchema();
        using (var store = PostgresDeathStore.Open(postgres))
        {
            await store.AddAsync(new()
            {
                RunId = "run-env",
                Command = "app",
                Cause = "exit-code",
                ExitCode = 7,
                Signature = "0123456789abcdef",
                Title = "exit code 7",
            });
        }

        var (exit, json, _) = await CliProcess.Run(
            new Dictionary<string, string?> { [PostgresDeathStore.EnvironmentVariable] = postgres, [DataDirectory.EnvironmentVariable] = temp.Path },
            "reports", "list", "--json");

        Assert.Equal(ExitCodes.Fine, exit);
        var record = Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("deaths").EnumerateArray().ToList());
        Assert.Equal("run-env", record.GetProperty("runId").GetString());
    }

    [Fact]
    public async Task Show_of_an_unknown_id_in_postgres_names_the_database_without_its_password()
    {
        var postgres = database.NewSchema();

        var (exit, _, error) = await CliRun.Run("reports", "show", "424242", "--postgres", postgres);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("no death with id 424242 in PostgreSQL database", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", error, StringComparison.OrdinalIgnoreCase);
    }
}
