namespace PanicPath.Reports;

/// <summary>
/// Writes the report atomically into a spool directory (<see cref="SpoolFile"/>): a temporary file in
/// the same directory, flushed to disk, then renamed to <c>panicpath-&lt;pid&gt;-&lt;utc&gt;.json</c>. A
/// reader of the directory never sees a partial report. The directory is created at install, not at panic
/// time (mode 0700 on Unix when this creates it; one the supervisor made is used as it is); a directory
/// that cannot be created then is named in <see cref="Failure"/> and the write is still tried at panic time.
/// </summary>
internal sealed class SpoolTransport : IReportTransport
{
    internal const string EnvironmentVariable = "PANICPATH_SPOOL";

    internal SpoolTransport(string directory)
    {
        Directory = Path.GetFullPath(directory);
        try
        {
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(Directory);
            }
            else
            {
                System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Failure = $"spool directory not made at install ({Directory}: {e.Message})";
        }
    }

    internal string Directory { get; }

    internal string? LastPath { get; private set; }

    public string? Failure { get; private set; }

    public bool TryDeliver(ReadOnlySpan<byte> report)
    {
        try
        {
            LastPath = SpoolFile.Write(Directory, report, Environment.ProcessId);
            return true;
        }
        catch (Exception e)
        {
            Failure = $"spool write failed ({Directory}: {e.Message})";
            return false;
        }
    }
}
