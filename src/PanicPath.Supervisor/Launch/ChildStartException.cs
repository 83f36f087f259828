namespace PanicPath.Supervisor.Launch;

/// <summary>
/// The command could not be started; the message names it and why. <see cref="NotFound"/> tells a
/// command that does not exist (no such file, nothing by that name on the PATH, an empty name) from one
/// that exists but cannot be executed (not executable, a directory, not a program).
/// </summary>
public sealed class ChildStartException : Exception
{
    /// <summary>Creates the exception for <paramref name="command"/>.</summary>
    public ChildStartException(string command, string reason, bool notFound, Exception? inner)
        : base($"cannot start '{command}': {reason}", inner)
    {
        Command = command;
        NotFound = notFound;
    }

    /// <summary>The command that could not be started.</summary>
    public string Command { get; }

    /// <summary>True when the command does not exist; false when it exists but cannot be executed.</summary>
    public bool NotFound { get; }
}
