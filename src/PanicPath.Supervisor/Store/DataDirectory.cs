namespace PanicPath.Supervisor.Store;

/// <summary>
/// Where the store lives: the given directory (<c>--data</c>), else <c>PANICPATH_DATA</c>, else
/// <c>$XDG_DATA_HOME/panicpath</c>, else <c>~/.local/share/panicpath</c> (the local application data
/// folder on Windows). <see cref="Prepare"/> creates it and throws <see cref="DataDirectoryException"/>
/// naming the path when it cannot be used.
/// </summary>
public static class DataDirectory
{
    /// <summary>The environment variable naming the data directory.</summary>
    public const string EnvironmentVariable = "PANICPATH_DATA";

    /// <summary>The store's file name inside the data directory.</summary>
    public const string DatabaseFileName = "panicpath.db";

    /// <summary>The data directory for an explicit choice (or null) and an environment lookup.</summary>
    public static string Resolve(string? explicitDirectory, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(explicitDirectory))
        {
            return Path.GetFullPath(explicitDirectory);
        }

        if (environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return Path.GetFullPath(fromEnvironment);
        }

        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "panicpath");
        }

        if (environment("XDG_DATA_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "panicpath");
        }

        var home = environment("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".local", "share", "panicpath");
    }

    /// <summary>Creates <paramref name="directory"/> if needed and checks it is a writable directory.</summary>
    public static string Prepare(string directory)
    {
        if (File.Exists(directory))
        {
            throw new DataDirectoryException(directory, "it is a file, not a directory");
        }

        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataDirectoryException(directory, e.Message);
        }

        return directory;
    }
}
