using System.CommandLine;
using PanicPath.Supervisor.Files;
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

    /// <summary>The option that chooses a PostgreSQL store.</summary>
    public const string PostgresName = "--postgres";

    public static Option<string?> CreatePostgres() => CliValues.ConnectionString(
        PostgresName,
        $"Keep the store in this PostgreSQL database (an Npgsql connection string) instead of SQLite in the data directory (default: ${PostgresDeathStore.EnvironmentVariable}).");

    /// <summary>The data directory the option and the environment choose.</summary>
    public static string Resolve(string? given) => DataDirectory.Resolve(given, Environment.GetEnvironmentVariable);

    /// <summary>
    /// Opens the store: PostgreSQL when <paramref name="postgres"/> or <c>PANICPATH_POSTGRES</c> gives a
    /// connection string, else SQLite in <paramref name="directory"/>; or writes why not and answers null.
    /// <paramref name="writableChecked"/>: the directory's write probe already ran in this run
    /// (<see cref="PrepareForRun"/>), so SQLite's opening does not repeat it.
    /// </summary>
    public static SqlDeathStore? Open(string directory, string? postgres, TextWriter error, bool writableChecked = false)
    {
        if (Postgres(postgres) is not { } chosen)
        {
            return OpenSqlite(directory, error, writableChecked);
        }

        if (LeanSupervisor.IsEnabled)
        {
            throw LeanSupervisor.Lacks("PostgreSQL");
        }

        try
        {
            return PostgresDeathStore.Open(chosen.ConnectionString);
        }
        catch (PostgresStoreException e)
        {
            error.WriteLine($"panicpath: {chosen.Source}: {e.Message}");
            return null;
        }
    }

    /// <summary>True when <paramref name="postgres"/> (the option's value) or the environment chooses a PostgreSQL store.</summary>
    public static bool ChoosesPostgres(string? postgres) => Postgres(postgres) is not null;

    /// <summary>
    /// The PostgreSQL store chosen, with where the choice came from: <paramref name="postgres"/>
    /// (<c>--postgres</c>, even when empty, so that it is refused as given), else a non-empty
    /// <c>PANICPATH_POSTGRES</c>; null for SQLite.
    /// </summary>
    private static (string ConnectionString, string Source)? Postgres(string? postgres) =>
        postgres is not null ? (postgres, PostgresName)
        : Environment.GetEnvironmentVariable(PostgresDeathStore.EnvironmentVariable) is { Length: > 0 } fromEnvironment ? (fromEnvironment, PostgresDeathStore.EnvironmentVariable)
        : null;

    /// <summary>
    /// Prepares the data directory <c>run</c> keeps its spool, channel and dumps in, whichever store it
    /// uses (private, mode 0700; see <see cref="DataDirectory.Prepare"/>); or writes why not and answers null.
    /// A directory above it that another user could change is warned of in one line (the run goes on).
    /// </summary>
    public static string? PrepareForRun(string directory, TextWriter error)
    {
        try
        {
            var prepared = DataDirectory.Prepare(directory);
            if (PrivateDirectory.SharedAncestor(prepared) is { } shared)
            {
                error.WriteLine($"panicpath: warning: --data: {shared.Path}, above the data directory, can be changed by another user ({shared.Why}): that user could replace the data directory between runs");
            }

            return prepared;
        }
        catch (DataDirectoryException e)
        {
            error.WriteLine($"panicpath: --data: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// The store for <c>run</c>, which never stops or delays the command for it: the store opens in the
    /// background once the supervisor has launched the child (<see cref="DeferredDeathStore.OpenWhenStarted"/>),
    /// while the child runs. A
    /// store that cannot be opened (a corrupt file, a server away) is said in one loud line naming it and
    /// why, and tried again at each death, so deaths are kept in the spool and recorded once it opens (or by
    /// a later start). Only a connection string that is itself wrong (empty, malformed, no host) is bad
    /// input: written, and answered null, before anything starts. Called after <see cref="PrepareForRun"/>,
    /// whose write probe of the data directory it relies on (the store's opening does not probe again).
    /// </summary>
    public static IDeathStore? OpenForRun(string directory, string? postgres, TextWriter error)
    {
        if (Postgres(postgres) is { } chosen)
        {
            if (LeanSupervisor.IsEnabled)
            {
                throw LeanSupervisor.Lacks("PostgreSQL");
            }

            try
            {
                PostgresDeathStore.Validate(chosen.ConnectionString);
            }
            catch (PostgresStoreException e)
            {
                error.WriteLine($"panicpath: {chosen.Source}: {e.Message}");
                return null;
            }
        }

        return DeferredDeathStore.OpenWhenStarted(
            () =>
            {
                using var why = new StringWriter();
                // PrepareForRun proved the directory writable just before: its probe is not run twice.
                return Open(directory, postgres, why, writableChecked: true) ?? throw new InvalidOperationException(Reason(why));
            },
            e => error.WriteLine($"panicpath: STORE UNUSABLE: {e.Message}; the command runs anyway and each death is kept in {Path.Combine(directory, "spool")} until a store takes it"));

        static string Reason(StringWriter why)
        {
            var reason = why.ToString().Trim();
            return reason.StartsWith("panicpath: ", StringComparison.Ordinal) ? reason["panicpath: ".Length..] : reason;
        }
    }

    /// <summary>
    /// Opens the store for a read-only command: PostgreSQL as <see cref="Open"/> does, else the SQLite
    /// store opened for reading only (<see cref="SqliteDeathStore.OpenReadOnly"/>), so it reads on a full
    /// disk and creates nothing where there is no store (a line says so); or writes why not and answers null.
    /// </summary>
    public static SqlDeathStore? OpenForReading(string directory, string? postgres, TextWriter error)
    {
        if (Postgres(postgres) is not null)
        {
            return Open(directory, postgres, error);
        }

        try
        {
            var store = SqliteDeathStore.OpenReadOnly(directory);
            if (store.NothingStored)
            {
                error.WriteLine($"panicpath: no store at {store.Path}: nothing has been recorded there (nothing was created)");
            }

            if (store.ReadWithoutLocks)
            {
                error.WriteLine($"panicpath: {store.Path} read without locks (its shared-memory file cannot be made; is the disk full?): a death being recorded right now may be missing");
            }

            return store;
        }
        catch (DataDirectoryException e)
        {
            error.WriteLine($"panicpath: --data: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// Opens the store for a command that must never write to it (<c>ui</c>): PostgreSQL read-only
    /// (<see cref="PostgresDeathStore.OpenReadOnly"/>), else SQLite for reading only without bringing an older
    /// schema up to date (<see cref="SqliteDeathStore.OpenReadOnly"/>). Where there is no store, or one of
    /// another schema version, it writes one line saying so and answers null; nothing is created or migrated.
    /// </summary>
    public static SqlDeathStore? OpenForViewing(string directory, string? postgres, TextWriter error)
    {
        if (Postgres(postgres) is { } chosen)
        {
            try
            {
                return PostgresDeathStore.OpenReadOnly(chosen.ConnectionString);
            }
            catch (PostgresStoreException e)
            {
                error.WriteLine($"panicpath: {chosen.Source}: {e.Message}");
                return null;
            }
        }

        SqliteDeathStore store;
        try
        {
            store = SqliteDeathStore.OpenReadOnly(directory, bringUpToDate: false);
        }
        catch (DataDirectoryException e)
        {
            error.WriteLine($"panicpath: --data: {e.Message}");
            return null;
        }

        if (store.NothingStored)
        {
            store.Dispose();
            error.WriteLine($"panicpath: --data: no store at {store.Path}: nothing has been recorded there (nothing was created)");
            return null;
        }

        if (store.ReadWithoutLocks)
        {
            error.WriteLine($"panicpath: {store.Path} read without locks (its shared-memory file cannot be made; is the disk full?): deaths recorded while it is open may be missing");
        }

        return store;
    }

    /// <summary>Opens the SQLite store in <paramref name="directory"/>, whatever the environment says; or writes why not and answers null.</summary>
    public static SqliteDeathStore? OpenSqlite(string directory, TextWriter error, bool writableChecked = false)
    {
        try
        {
            return SqliteDeathStore.Open(directory, writableChecked);
        }
        catch (DataDirectoryException e)
        {
            error.WriteLine($"panicpath: --data: {e.Message}");
            return null;
        }
    }
}
