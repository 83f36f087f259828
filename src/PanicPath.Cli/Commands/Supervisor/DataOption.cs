using System.CommandLine;
using PanicPath.Supervisor.Store;
using PanicPath.Cli.Values;

namespace PanicPath.Cli.Commands.Supervisor;

/// <summary>
/// The options every command that touches the store takes, and the one place that opens the store
/// they choose: <c>--postgres CONNECTION_STRING</c>, else <c>PANICPATH_POSTGRES</c>, else SQLite in the
/// data directory (<c>--data DIR</c>, else <c>PANICPATH_DATA</c>, else the per-user default). A store that
/// cannot be used is reported naming the option or variable that chose it and why (a password masked),
/// and the caller exits with 2.
/// </summary>
internal static class DataOption
{
    public static Option<string?> Create() => CliValues.Directory(
        "--data",
        "The data directory holding the store (default: $PANICPATH_DATA, else $XDG_DATA_HOME/panicpath or ~/.local/share/panicpath).");

    public static Option<string?> CreatePostgres() => CliValues.ConnectionString(
        "--postgres",
        $"Keep the store in this PostgreSQL database (an Npgsql connection string) instead of SQLite in the data directory (default: ${PostgresDeathStore.EnvironmentVariable}).");

    /// <summary>The data directory the option and the environment choose.</summary>
    public static string Resolve(string? given) => DataDirectory.Resolve(given, Environment.GetEnvironmentVariable);

    /// <summary>
    /// Opens the store: PostgreSQL when <paramref name="postgres"/> or <c>PANICPATH_POSTGRES</c> gives a
    /// connection string, else SQLite in <paramref name="directory"/>; or writes why not and answers null.
    /// </summary>
    public static SqlDeathStore? Open(string directory, string? postgres, TextWriter error)
    {
        var (connectionString, source) = postgres is not null
            ? (postgres, "--postgres")
            : (Environment.GetEnvironmentVariable(PostgresDeathStore.EnvironmentVariable), PostgresDeathStore.EnvironmentVariable);
        if (postgres is null && connectionString is not { Length: > 0 })
        {
            return OpenSqlite(directory, error);
        }

        try
        {
            return PostgresDeathStore.Open(connectionString!);
        }
        catch (PostgresStoreException e)
        {
            error.WriteLine($"panicpath: {source}: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// Prepares the data directory <c>run</c> keeps its spool, channel and dumps in, whichever store it
    /// uses (private, mode 0700; see <see cref="DataDirectory.Prepare"/>); or writes why not and answers null.
    /// </summary>
    public static string? PrepareForRun(string directory, TextWriter error)
    {
        try
        {
            return DataDirectory.Prepare(directory);
        }
        catch (DataDirectoryException e)
        {
            error.WriteLine($"panicpath: --data: {e.Message}");
            return null;
        }
    }

    /// <summary>Opens the SQLite store in <paramref name="directory"/>, whatever the environment says; or writes why not and answers null.</summary>
    public static SqliteDeathStore? OpenSqlite(string directory, TextWriter error)
    {
        try
        {
            return SqliteDeathStore.Open(directory);
        }
        catch (DataDirectoryException e)
        {
            error.WriteLine($"panicpath: --data: {e.Message}");
            return null;
        }
    }
}
