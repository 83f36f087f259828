using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using PanicPath.Cli.Commands.Supervisor;

namespace PanicPath.Cli;

/// <summary>
/// The native supervisor: the <c>panicpath</c> binary that <c>build/publish-native</c> publishes with this
/// feature switch on holds <c>run</c> with its SQLite store and nothing else, so that the program wrapped
/// around every start of an app is small (no model, no PostgreSQL client, no OpenTelemetry exporter to map
/// and rebuild at each start). Every other command line (another command, <c>--help</c> and
/// <c>--version</c> of the root, <c>run</c> with a PostgreSQL store or an OTLP endpoint) it hands to the
/// complete binary, <c>full/panicpath</c> beside it, by <c>execv</c>: the same process (its pid, so PID 1
/// stays PID 1), the same arguments, environment, standard streams and signal dispositions, done before
/// the runtime has touched the console or any signal. The JIT command and the complete binary are built
/// with the switch off and do everything themselves.
/// </summary>
internal static partial class LeanSupervisor
{
    /// <summary>The feature switch; the native publish of the lean binary sets it (trimmed as a constant).</summary>
    public const string Switch = "PanicPath.Cli.LeanSupervisor";

    /// <summary>True in the lean native binary: code behind it that the lean binary lacks is cut by the native compiler.</summary>
    [FeatureSwitchDefinition(Switch)]
    public static bool IsEnabled => AppContext.TryGetSwitch(Switch, out var on) && on;

    /// <summary>The complete binary the lean one hands over to: <c>full/panicpath</c> in the directory of the running binary.</summary>
    public static string CompleteBinary => Path.Combine(AppContext.BaseDirectory, "full", PanicPathCommand.Name);

    /// <summary>
    /// The lean binary's entry: a <c>run</c> command line it can serve runs here; any other is handed over
    /// (<see cref="HandOver"/>). A <c>run</c> line that does not parse is answered here, as the complete binary would.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [RunCommand.Name, ..])
        {
            return HandOver(args, ExitCodes.InternalError);
        }

        var parsed = PanicPathCommand.CreateFor(args).Parse(args);
        if (RunCommand.NeedsCompleteBinary(parsed))
        {
            return HandOver(args, ExitCodes.RunFailed);
        }

        return await PanicPathCommand.InvokeAsync(parsed, args, Console.Out, Console.Error).ConfigureAwait(false);
    }

    /// <summary>
    /// The exception thrown where the lean binary would need what it was built without; never reached,
    /// since such a command line is handed over before it runs (<see cref="RunCommand.NeedsCompleteBinary"/>).
    /// </summary>
    public static InvalidOperationException Lacks(string what) =>
        new($"{what} is not in the native supervisor binary; the command line should have gone to {CompleteBinary}");

    /// <summary>
    /// Replaces this process with the complete binary and <paramref name="args"/>. Answers only when it
    /// cannot: one line on standard error naming the binary and why, and <paramref name="failed"/>.
    /// </summary>
    private static int HandOver(string[] args, int failed)
    {
        var complete = CompleteBinary;
        string?[] argv = [complete, .. args, null];
        Execv(complete, argv);
        var errno = Marshal.GetLastPInvokeError();
        Console.Error.WriteLine($"panicpath: this native binary runs 'run' with a SQLite store itself and hands every other command line to the complete binary {complete}, which cannot be started: {Marshal.GetPInvokeErrorMessage(errno)} (build/publish-native publishes both)");
        return failed;
    }

    /// <summary><c>execv(2)</c>: <paramref name="argv"/> ends with null. Returns only on failure (-1, errno set).</summary>
    [LibraryImport("libc", EntryPoint = "execv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Execv(string path, string?[] argv);
}
