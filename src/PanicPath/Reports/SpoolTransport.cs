namespace PanicPath.Reports;

/// <summary>
/// Writes the report atomically into a spool directory: a temporary file in the same directory,
/// flushed to disk, then renamed to <c>panicpath-&lt;pid&gt;-&lt;utc&gt;.json</c>. A reader of the
/// directory never sees a partial report. The directory is created at install, not at panic time.
/// </summary>
internal sealed class SpoolTransport : IReportTransport
{
    internal const string EnvironmentVariable = "PANICPATH_SPOOL";

    internal SpoolTransport(string directory)
    {
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
    }

    internal string Directory { get; }

    internal string? LastPath { get; private set; }

    public bool TryDeliver(byte[] report)
    {
        var stem = $"panicpath-{Environment.ProcessId}-{DateTime.UtcNow:yyyyMMdd'T'HHmmssfffffff}";
        var temporary = Path.Combine(Directory, "." + stem + ".tmp");
        var final = Path.Combine(Directory, stem + ".json");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                stream.Write(report);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, final, overwrite: false);
            LastPath = final;
            return true;
        }
        catch (Exception)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception)
            {
                // Nothing more can be done about a spool that refuses writes.
            }

            return false;
        }
    }
}
