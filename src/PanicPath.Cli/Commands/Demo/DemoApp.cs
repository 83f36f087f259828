using System.Runtime.InteropServices;

namespace PanicPath.Cli.Commands.Demo;

/// <summary>
/// The demo service the command carries: <c>CrashDemo.dll</c> (with its runtimeconfig and deps), built
/// into the command's own directory (the dotnet tool) or into <c>demo/</c> beside the native binary,
/// started with a <c>dotnet</c> host, in the mode that walks the whole panic path (an unhandled exception
/// on a worker thread). The demo is a JIT app even beside the native binary: the runtime's crash dump,
/// which it shows, does not work for native apps, so the native <c>demo</c> needs the .NET runtime.
/// </summary>
internal static class DemoApp
{
    /// <summary>The demo's mode: an unhandled exception, which runs notifiers on every list, at several priorities.</summary>
    public const string Mode = "unhandled";

    /// <summary>The exception message the demo throws; the record's title ends with it.</summary>
    public const string Message = "demo unhandled";

    /// <summary>
    /// The demo's entry assembly: next to this command's own (the dotnet tool's layout), else in
    /// <c>demo/</c> next to it (the native binary's layout); when neither exists, where this kind of
    /// build expects it.
    /// </summary>
    public static string Dll
    {
        get
        {
            var beside = Path.Combine(AppContext.BaseDirectory, "CrashDemo.dll");
            var inDemo = Path.Combine(AppContext.BaseDirectory, "demo", "CrashDemo.dll");
            return File.Exists(beside) ? beside : File.Exists(inDemo) || IsNative ? inDemo : beside;
        }
    }

    /// <summary>True when this command is the Native AOT binary (no JIT, no runtime of its own to borrow a host from).</summary>
    public static bool IsNative => !System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported;

    /// <summary>
    /// The <c>dotnet</c> host: under the JIT, that of the running runtime (its root is three levels above
    /// the shared framework directory); then <c>$DOTNET_HOST_PATH</c>, then <c>$DOTNET_ROOT/dotnet</c>,
    /// else <c>dotnet</c> from the PATH.
    /// </summary>
    public static string Dotnet
    {
        get
        {
            var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
            if (!IsNative)
            {
                var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
                if (File.Exists(Path.Combine(root, name)))
                {
                    return Path.Combine(root, name);
                }
            }

            if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
            {
                return host;
            }

            return Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } dotnetRoot && File.Exists(Path.Combine(dotnetRoot, name))
                ? Path.Combine(dotnetRoot, name)
                : name;
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
