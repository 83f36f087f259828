namespace PanicPath.Reports;

/// <summary>
/// Writes the report atomically into a spool directory (<see cref="SpoolFile"/>): a temporary file in
/// the same directory, flushed to disk, then renamed to <c>panicpath-&lt;pid&gt;-&lt;utc&gt;.json</c>. A
/// reader of the directory never sees a partial report. The directory is created at install, not at panic
/// time (mode 0700 on Unix when this creates it; one the supervisor made is used as it is).
/// </summary>
internal sealed class SpoolTransport : IReportTransport
{
    internal const string EnvironmentVariable = "PANICPATH_SPOOL";

    internal SpoolTransport(string directory)
    {
        Directory = Path.GetFullPath(directory);
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    internal string Directory { get; }

    internal string? LastPath { get; private set; }

    public bool TryDeliver(byte[] report)
    {
        try
        {
            LastPath = SpoolFile.Write(Directory, report, Environment.ProcessId);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
