namespace PanicPath.Supervisor.Store;

/// <summary>The data directory cannot be used; the message names the directory and why.</summary>
public sealed class DataDirectoryException : Exception
{
    /// <summary>Creates the exception for <paramref name="directory"/>.</summary>
    public DataDirectoryException(string directory, string reason)
        : base($"data directory '{directory}' cannot be used: {reason}")
    {
        Directory = directory;
    }

    /// <summary>The directory that cannot be used.</summary>
    public string Directory { get; }
}
