namespace PanicPath.Cli;

/// <summary>
/// The exit codes of every <c>panicpath</c> command. <c>run</c> exits with its command's code (128 + N
/// when signal N killed it), so its own failures take the codes <c>env</c> and container runtimes use,
/// which a command rarely does: <see cref="RunFailed"/>, <see cref="CannotExecute"/>, <see cref="NotFound"/>.
/// </summary>
public static class ExitCodes
{
    /// <summary>The command did its job and found nothing wrong.</summary>
    public const int Fine = 0;

    /// <summary>The command did its job and found something: a violated invariant, a recorded death.</summary>
    public const int Findings = 1;

    /// <summary>The input was wrong: an unknown option, a bad value, a malformed file, a missing argument.</summary>
    public const int BadInput = 2;

    /// <summary><c>run</c> failed before its command ran: a bad option or value, an unusable store, dump directory or sink.</summary>
    public const int RunFailed = 125;

    /// <summary><c>run</c>'s command was found but cannot be executed (not executable, a directory, not a program).</summary>
    public const int CannotExecute = 126;

    /// <summary><c>run</c>'s command was not found.</summary>
    public const int NotFound = 127;

    /// <summary>The command failed for a reason of its own, not its input: a bug (<c>EX_SOFTWARE</c>).</summary>
    public const int InternalError = 70;

    /// <summary>The command could not write its output or read what it needed (a full disk, a closed pipe: <c>EX_IOERR</c>).</summary>
    public const int IoError = 74;

    /// <summary>
    /// The code for a command that failed with <paramref name="exception"/>: <see cref="RunFailed"/> for
    /// <c>run</c> (every other code is its command's), else <see cref="IoError"/> for an I/O failure and
    /// <see cref="InternalError"/> for anything else.
    /// </summary>
    public static int FailedOf(string command, Exception exception) =>
        command == Commands.Supervisor.RunCommand.Name ? RunFailed
        : exception is IOException ? IoError
        : InternalError;

    /// <summary>The code for bad input to the command named <paramref name="command"/>: <see cref="RunFailed"/> for <c>run</c>, else <see cref="BadInput"/>.</summary>
    public static int BadInputOf(string command) => command == Commands.Supervisor.RunCommand.Name ? RunFailed : BadInput;
}
