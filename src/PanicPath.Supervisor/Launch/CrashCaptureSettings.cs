using PanicPath.Supervisor.Dumps;
using PanicPath.Supervisor.Files;

namespace PanicPath.Supervisor.Launch;

/// <summary>
/// The runtime's crash capture, armed through the environment before the child starts:
/// <c>DOTNET_DbgEnableMiniDump=1</c>, <c>DOTNET_DbgMiniDumpType</c> (1 mini, 2 heap, 3 triage, 4 full),
/// <c>DOTNET_DbgMiniDumpName</c> = <c>&lt;directory&gt;/core.%p</c> and <c>DOTNET_EnableCrashReport=1</c>,
/// so that createdump writes <c>core.&lt;pid&gt;</c> and <c>core.&lt;pid&gt;.crashreport.json</c> there; and
/// <c>PANICPATH_DUMPS</c> = the directory, where an in-process dumper writes instead of its own choice.
/// With <see cref="Armed"/> false the child gets <c>DOTNET_DbgEnableMiniDump=0</c> and
/// <c>DOTNET_EnableCrashReport=0</c> instead (overriding any inherited value), so no dump is written.
/// </summary>
/// <param name="DumpDirectory">Where the runtime writes dumps; made private (mode 0700, see <see cref="PrivateDirectory"/>) when armed, refused when a symbolic link or another user's.</param>
/// <param name="DumpType">The runtime's dump type, 1 to 4.</param>
public sealed record CrashCaptureSettings(string DumpDirectory, int DumpType = CrashCaptureSettings.DefaultDumpType)
{
    /// <summary>Heap dumps: enough to inspect managed state (about 80 MB for a small app here), written in well under a second.</summary>
    public const int DefaultDumpType = 2;

    /// <summary>Whether the runtime writes a dump and crash report; true unless disarmed.</summary>
    public bool Armed { get; init; } = true;

    /// <summary>The dump file the runtime writes for process <paramref name="pid"/>.</summary>
    public string DumpPath(int pid) => Path.Combine(Path.GetFullPath(DumpDirectory), $"core.{pid}");

    /// <summary>The runtime's crash-report JSON for process <paramref name="pid"/>.</summary>
    public string CrashReportPath(int pid) => DumpPath(pid) + ".crashreport.json";

    /// <summary>Sets the variables on a child's environment (when disarmed: turns both dumps off and names no directory).</summary>
    /// <exception cref="UnsafePathException">The dump directory cannot be made private.</exception>
    public void Arm(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!Armed)
        {
            environment["DOTNET_DbgEnableMiniDump"] = "0";
            environment["DOTNET_EnableCrashReport"] = "0";
            environment[PanicPath.Dumps.CrashCapture.DumpDirectoryEnvironmentVariable] = string.Empty;
            return;
        }

        if (DumpType is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(DumpType), DumpType, "The runtime's dump type is 1 (mini), 2 (heap), 3 (triage) or 4 (full).");
        }

        PrivateDirectory.EnsureOwn(DumpDirectory, DumpFiles.IsDumpOrReportName);
        environment["DOTNET_DbgEnableMiniDump"] = "1";
        environment["DOTNET_DbgMiniDumpType"] = DumpType.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["DOTNET_DbgMiniDumpName"] = Path.Combine(Path.GetFullPath(DumpDirectory), "core.%p");
        environment["DOTNET_EnableCrashReport"] = "1";
        environment[PanicPath.Dumps.CrashCapture.DumpDirectoryEnvironmentVariable] = Path.GetFullPath(DumpDirectory);
    }
}
