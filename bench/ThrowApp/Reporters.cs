using PanicPath.Panics;
using Sentry;

namespace ThrowApp;

/// <summary>
/// The two crash reporters compared, each installed as its documentation shows for a console app, with
/// its defaults: Sentry (<c>SentrySdk.Init</c> with the DSN from <c>SENTRY_DSN</c>, the benchmark's local
/// receiver) and PanicPath (<c>PanicRuntime.Install</c>, reaching the supervisor through the variables
/// <c>panicpath run</c> sets). After install the app waits <see cref="Settle"/> so that neither reporter's
/// start-up work is still running when the exception is thrown.
/// </summary>
internal static class Reporters
{
    public const string Sentry = "sentry";
    public const string PanicPath = "panicpath";

    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);

    public static bool IsKnown(string name) => name is Sentry or PanicPath;

    public static bool TryInstall(string name, out string? problem)
    {
        problem = null;
        if (name == PanicPath)
        {
            PanicRuntime.Install(new PanicOptions());
            return true;
        }

        if (Environment.GetEnvironmentVariable("SENTRY_DSN") is not { Length: > 0 } dsn)
        {
            problem = "SENTRY_DSN: not set (the benchmark's local receiver)";
            return false;
        }

        InstallSentry(dsn);
        return true;
    }

    // Separate so that the PanicPath mode never loads the Sentry assembly.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void InstallSentry(string dsn) => SentrySdk.Init(options => options.Dsn = dsn);
}
