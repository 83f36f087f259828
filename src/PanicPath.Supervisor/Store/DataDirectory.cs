using PanicPath.Supervisor.Files;

namespace PanicPath.Supervisor.Store;

/// <summary>
/// Where the store lives: the given directory (<c>--data</c>), else <c>PANICPATH_DATA</c>, else
/// <c>$XDG_DATA_HOME/panicpath</c>, else <c>~/.local/share/panicpath</c> (the local application data
/// folder on Windows). <see cref="Prepare"/> creates it private (0700) or checks it is ours, and throws
/// <see cref="DataDirectoryException"/> naming the path when it cannot be used.
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

    /// <summary>
    /// True for a name panicpath gives an entry of the data directory: the store and its journals, the
    /// spool, channel and dump directories, and a write probe.
    /// </summary>
    public static bool IsOwnEntry(string name) =>
        name is DatabaseFileName or DatabaseFileName + "-wal" or DatabaseFileName + "-shm" or DatabaseFileName + "-journal" or "spool" or "channel" or "dumps"
        || name.StartsWith(".probe-", StringComparison.Ordinal);

    /// <summary>
    /// Creates <paramref name="directory"/> if needed (mode 0700, see <see cref="PrivateDirectory"/>), or
    /// checks that the existing one is a real directory (not a symbolic link) owned by this user and
    /// tightens it to 0700 (a directory open to others that holds what panicpath did not make is refused
    /// instead, see <see cref="PrivateDirectory.EnsureOwn"/>), then checks it is writable (a probe file created and removed), so that a
    /// read-only directory is refused naming it before anything starts rather than at the first write.
    /// Nothing above it is changed.
    /// </summary>
    /// <exception cref="DataDirectoryException">A file, a symbolic link, another user's directory, or not writable; the message names it.</exception>
    public static string Prepare(string directory) => PrepareDirectory(directory, writableChecked: false);

    private static string PrepareDirectory(string directory, bool writableChecked)
    {
        try
        {
            PrivateDirectory.EnsureOwn(directory, IsOwnEntry);
            if (!writableChecked)
            {
                var probe = Path.Combine(directory, $".probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
                PrivateFile.Open(probe, FileMode.CreateNew, FileAccess.Write).Dispose();
                File.Delete(probe);
            }
        }
        catch (UnsafePathException e)
        {
            throw new DataDirectoryException(directory, e.Path == Path.GetFullPath(directory) ? e.Reason : e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataDirectoryException(directory, e.Message);
        }

        return directory;
    }

    /// <summary>
    /// Prepares <paramref name="directory"/> (<see cref="Prepare"/>) and the store's file in it: created
    /// mode 0600 when missing (SQLite gives its <c>-wal</c> and <c>-shm</c> files the same mode), and an
    /// existing file and its journals tightened to 0600. Answers the store file's path. With
    /// <paramref name="writableChecked"/> (this process prepared the directory with <see cref="Prepare"/>
    /// moments ago, as <c>run</c> does before its child starts) the write probe is not repeated: its
    /// ownership and mode are still checked.
    /// </summary>
    /// <exception cref="DataDirectoryException">The directory, or the file (a symbolic link, another user's), cannot be used.</exception>
    public static string PrepareDatabase(string directory, bool writableChecked = false)
    {
        PrepareDirectory(directory, writableChecked);
        var path = Path.Combine(directory, DatabaseFileName);
        try
        {
            PrivateFile.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite).Dispose();
            foreach (var journal in new[] { "-wal", "-shm", "-journal" })
            {
                PrivateFile.Tighten(path + journal);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataDirectoryException(directory, e.Message);
        }

        return path;
    }
}
