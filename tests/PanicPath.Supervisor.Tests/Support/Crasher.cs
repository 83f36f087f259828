using PanicPath.Supervisor.Launch;
using PanicPath.Supervisor.Restart;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Store;

namespace PanicPath.Supervisor.Tests.Support;

/// <summary>Runs tests/Crashers (copied next to the tests) under the supervisor, with mini dumps in a temporary directory.</summary>
internal static class Crasher
{
    /// <summary>The smallest dump type the runtime writes reliably here (mini, about 7 MB).</summary>
    public const int DumpType = 1;

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "Crashers.dll");

    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>The JIT command's assembly, copied next to the tests; start the command through <see cref="Cli"/>.</summary>
    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "PanicPath.Cli.dll");

    /// <summary>The variable that names a native <c>panicpath</c> binary for the tests to start instead of the JIT command.</summary>
    public const string NativeVariable = "PANICPATH_NATIVE";

    /// <summary>
    /// The <c>panicpath</c> command as the tests start it as a process, program first: the native binary
    /// <c>$PANICPATH_NATIVE</c> names when it is set (a name that is not an executable file fails the
    /// test, never falls back), else <c>dotnet PanicPath.Cli.dll</c>. Every test that starts the command
    /// as a process starts it through this, so that CI runs them once against each.
    /// </summary>
    public static string[] Cli
    {
        get
        {
            if (Environment.GetEnvironmentVariable(NativeVariable) is not { Length: > 0 } native)
            {
                return [Dotnet, CliDll];
            }

            var full = Path.GetFullPath(native);
            Assert.True(File.Exists(full) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(full) & UnixFileMode.UserExecute) != 0), $"{NativeVariable}={native}: not an executable file");
            return [full];
        }
    }

    /// <summary>
    /// The published native supervisor: the binary <see cref="NativeVariable"/> names, else the one
    /// <c>build/publish-native</c> leaves in artifacts/native (CI publishes it before the tests). Missing, the
    /// test skips, or fails under CI (<see cref="Requirement.Unmet(string)"/>).
    /// </summary>
    public static string NativeBinary
    {
        get
        {
            var binary = Environment.GetEnvironmentVariable(NativeVariable) is { Length: > 0 }
                ? Cli[0]
                : Path.Combine(PanicPath.TestSupport.ExampleScenarios.Repository, "artifacts", "native", "linux-x64", "panicpath");
            return File.Exists(binary)
                ? binary
                : Requirement.Unmet<string>($"reads the published native binaries ({binary}: build/publish-native makes them, or {NativeVariable} names one)");
        }
    }

    public static SupervisorOptions Options(TempDirectory temp, string mode, RestartSchedule? restart = null, IDeathStore? store = null, TextWriter? output = null, TextWriter? error = null, int tailLines = 100) => new()
    {
        Command = Dotnet,
        Arguments = [Dll, mode],
        Capture = new CrashCaptureSettings(temp.Sub("dumps"), DumpType),
        SpoolRoot = temp.Sub("spool"),
        Restart = restart ?? RestartSchedule.Never,
        Store = store,
        Output = output ?? TextWriter.Null,
        Error = error ?? TextWriter.Null,
        TailLines = tailLines,
        ForwardSignals = false,
    };

    public static Task<SupervisorResult> Run(TempDirectory temp, string mode, RestartSchedule? restart = null, IDeathStore? store = null, TextWriter? output = null) =>
        new ProcessSupervisor(Options(temp, mode, restart, store, output)).RunAsync();
}
