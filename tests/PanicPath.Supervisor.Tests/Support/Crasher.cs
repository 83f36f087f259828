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

    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "PanicPath.Cli.dll");

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
