using System.CommandLine;
using PanicPath.Supervisor.Store;

namespace PanicPath.Cli.Commands.Supervisor;

/// <summary>
/// The <c>--data DIR</c> option every command that touches the store takes, and opening the store it
/// names (else <c>PANICPATH_DATA</c>, else the per-user default). A directory that cannot be used is
/// reported naming <c>--data</c> and the directory, and the caller exits with 2.
/// </summary>
internal static class DataOption
{
    public static Option<string?> Create() => new("--data")
    {
        Description = "The data directory holding the store (default: $PANICPATH_DATA, else $XDG_DATA_HOME/panicpath or ~/.local/share/panicpath).",
        HelpName = "DIR",
    };

    /// <summary>The data directory the option and the environment choose.</summary>
    public static string Resolve(string? given) => DataDirectory.Resolve(given, Environment.GetEnvironmentVariable);

    /// <summary>Opens the store, or writes why not and answers null.</summary>
    public static SqliteDeathStore? Open(string directory, TextWriter error)
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
