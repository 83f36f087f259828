using System.Diagnostics;

namespace PanicPath.Benchmarks.Supervisor;

/// <summary>
/// The programs the supervisor benchmarks start, all built next to this assembly: the crasher
/// (<c>Crashers.dll</c>) and the <c>panicpath</c> command (<c>PanicPath.Cli.dll</c>), run with the
/// <c>dotnet</c> host of the running runtime. <see cref="RunAsync"/> starts one, drains its output
/// and answers its exit code; when <c>cancellation</c> fires first, it kills the command's process
/// tree, waits for it and throws <see cref="OperationCanceledException"/>.
/// </summary>
internal static class ChildCommand
{
    public static string Crashers => Path.Combine(AppContext.BaseDirectory, "Crashers.dll");

    public static string Cli => Path.Combine(AppContext.BaseDirectory, "PanicPath.Cli.dll");

    /// <summary>The <c>dotnet</c> host of the runtime this process runs on (three levels above its shared framework directory), else the PATH's.</summary>
    public static string Dotnet { get; } = File.Exists(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet"))
        ? Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet"))
        : "dotnet";

    /// <summary>The runtime's dump and crash report turned off, so that a crash costs only the death itself.</summary>
    public static IReadOnlyDictionary<string, string> NoCapture { get; } = new Dictionary<string, string>
    {
        ["DOTNET_DbgEnableMiniDump"] = "0",
        ["DOTNET_EnableCrashReport"] = "0",
    };

    public static async Task<int> RunAsync(string command, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellation = default)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync(cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await Task.WhenAll(output, error).ConfigureAwait(false);
        return process.ExitCode;
    }
}
