using Microsoft.Diagnostics.NETCore.Client;
using PanicPath.Dumps;

namespace PanicPath.Hosting.Dumps;

/// <summary>
/// The in-process dump writer: asks the runtime, over its own diagnostics channel
/// (<c>DiagnosticsClient(pid).WriteDump</c>), to write a dump of this process, named
/// <c>panicpath-&lt;pid&gt;-&lt;utc&gt;.dmp</c> (<see cref="CrashCapture.InProcessDumpName"/>). Configuring it
/// arms crash capture. The default dump type is <see cref="DumpType.WithHeap"/>, a heap dump (the
/// supervisor's <c>--dump-type 2</c>, about 80 MB for a small app and more with its heap).
/// </summary>
public sealed class DiagnosticsDumpWriter(DumpType dumpType = DumpType.WithHeap) : ICrashDumpWriter
{
    /// <summary>The kind of dump written; <see cref="DumpType.WithHeap"/> unless given.</summary>
    public DumpType DumpType { get; } = dumpType;

    /// <inheritdoc />
    public string WriteDump(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(Path.GetFullPath(directory), CrashCapture.InProcessDumpName(Environment.ProcessId, DateTime.UtcNow));
        new DiagnosticsClient(Environment.ProcessId).WriteDump(DumpType, path);
        return path;
    }
}
