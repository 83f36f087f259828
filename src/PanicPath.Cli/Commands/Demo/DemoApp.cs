using System.Runtime.InteropServices;

namespace PanicPath.Cli.Commands.Demo;

/// <summary>
/// The demo service the command carries: <c>CrashDemo.dll</c> (with its runtimeconfig and deps), built
/// into the command's own directory, started with the <c>dotnet</c> host of the runtime this command
/// runs on, in the mode that walks the whole panic path (an unhandled exception on a worker thread).
/// </summary>
internal static class DemoApp
{
    /// <summary>The demo's mode: an unhandled exception, which runs notifiers on every list, at several priorities.</summary>
    public const string Mode = "unhandled";

    /// <summary>The exception message the demo throws; the record's title ends with it.</summary>
    public const string Message = "demo unhandled";

    /// <summary>The demo's entry assembly next to this command's own.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "CrashDemo.dll");

    /// <summary>
    /// The <c>dotnet</c> host of the running runtime (its root is three levels above the shared
    /// framework directory), else <c>$DOTNET_HOST_PATH</c>, else <c>dotnet</c> from the PATH.
    /// </summary>
    public static string Dotnet
    {
        get
        {
            var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
            var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
            if (File.Exists(Path.Combine(root, name)))
            {
                return Path.Combine(root, name);
            }

            return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        }
    }

    /// <summary>Variables the demo reads that would change how it dies; removed from its environment (set to null).</summary>
    public static IReadOnlyDictionary<string, string?> Variables { get; } = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["CRASHDEMO_DUMP_DIR"] = null,
        ["CRASHDEMO_DUMP_POLICY"] = null,
        ["CRASHDEMO_BAD_PLAN"] = null,
    };
}
