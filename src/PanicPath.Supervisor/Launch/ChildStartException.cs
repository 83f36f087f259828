namespace PanicPath.Supervisor.Launch;

/// <summary>The command could not be started (not found, not executable); the message names it.</summary>
public sealed class ChildStartException : Exception
{
    /// <summary>Creates the exception for <paramref name="command"/>.</summary>
    public ChildStartException(string command, string reason, Exception inner)
        : base($"cannot start '{command}': {reason}", inner)
    {
        Command = command;
    }

    /// <summary>The command that could not be started.</summary>
    public string Command { get; }
}
