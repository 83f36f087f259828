namespace PanicPath.Supervisor.Files;

/// <summary>
/// A path the supervisor refuses to use or cannot make private: a symbolic link, another user's file
/// or directory, the wrong kind of file, or a system error. The message names the path and why.
/// </summary>
public sealed class UnsafePathException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public UnsafePathException(string path, string reason)
        : base($"{path}: {reason}")
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The path refused.</summary>
    public string Path { get; }

    /// <summary>Why, without the path.</summary>
    public string Reason { get; }
}
