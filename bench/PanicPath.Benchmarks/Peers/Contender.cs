namespace PanicPath.Benchmarks.Peers;

/// <summary>
/// One side of the crash-to-record comparison: how to start <c>ThrowApp</c> for it (the command and the
/// arguments before the thread count), and whether its record is Sentry's receipt (<see cref="IsSentry"/>)
/// or a PanicPath death row in the data directory.
/// </summary>
internal sealed record Contender(string Name, bool IsSentry, string Command, IReadOnlyList<string> Arguments)
{
    public static string ThrowApp => Path.Combine(AppContext.BaseDirectory, "ThrowApp.dll");

    /// <summary><c>dotnet ThrowApp.dll sentry</c>.</summary>
    public static Contender Sentry() => new("Sentry 6.12.1 → local receiver", true, Supervisor.ChildCommand.Dotnet, [ThrowApp, "sentry"]);

    /// <summary><c>PANICPATH run --data DATA -- dotnet ThrowApp.dll panicpath</c>, with <paramref name="command"/> and <paramref name="leading"/> the command line that runs the CLI.</summary>
    public static Contender PanicPathRun(string name, string command, IReadOnlyList<string> leading, string data) =>
        new(name, false, command, [.. leading, "run", "--data", data, "--", Supervisor.ChildCommand.Dotnet, ThrowApp, "panicpath"]);
}
