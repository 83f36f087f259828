namespace PanicPath.Supervisor.Tests.Support;

/// <summary>
/// The trait of every test that starts the <c>panicpath</c> command as a process (through
/// <see cref="Crasher.Cli"/>): <c>.ci/run</c> runs these a second time against the native binary with
/// <c>--filter "Starts=panicpath"</c> and <c>PANICPATH_NATIVE</c> set.
/// </summary>
internal static class StartsCli
{
    /// <summary>The trait's name.</summary>
    public const string Trait = "Starts";

    /// <summary>The trait's value.</summary>
    public const string Value = "panicpath";
}
