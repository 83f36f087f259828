using Microsoft.Diagnostics.NETCore.Client;
using PanicPath.Dumps;

namespace PanicPath.Hosting.Dumps;

/// <summary>
/// The in-process dump writer: asks the runtime, over its own diagnostics channel
/// (<c>DiagnosticsClient(pid).WriteDump</c>), to write a dump of this process, named
/// <c>panicpath-&lt;pid&gt;-&lt;utc&gt;.dmp</c>. Configuring it arms crash capture.
/// </summary>
public sealed class DiagnosticsDumpWriter(DumpType dumpType = DumpType.WithHeap) : ICrashDumpWriter
{
    /// <summary>The kind of dump written.</summary>
    public DumpType DumpType { get; } = dumpType;

    /// <inheritdoc />
    public string WriteDump(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(Path.GetFullPath(directory), $"panicpath-{Environment.ProcessId}-{DateTime.UtcNow:yyyyMMdd'T'HHmmssfff}.dmp");
        new DiagnosticsClient(Environment.ProcessId).WriteDump(DumpType, path);
        return path;
    }
}
