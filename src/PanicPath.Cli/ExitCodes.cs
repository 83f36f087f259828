namespace PanicPath.Cli;

/// <summary>The exit codes of every <c>panicpath</c> command.</summary>
public static class ExitCodes
{
    /// <summary>The command did its job and found nothing wrong.</summary>
    public const int Fine = 0;

    /// <summary>The command did its job and found something: a violated invariant, a recorded death.</summary>
    public const int Findings = 1;

    /// <summary>The input was wrong: an unknown option, a malformed file, a missing argument.</summary>
    public const int BadInput = 2;
}
