namespace PanicPath.Reports;

/// <summary>
/// The spool's file format, shared by the library's spool and the supervisor's channel inbox: a report
/// is written to a hidden temporary file in the directory, flushed to disk, then renamed to
/// <c>panicpath-&lt;pid&gt;-&lt;utc&gt;.json</c>, so a reader of the directory never sees a partial report.
/// </summary>
public static class SpoolFile
{
    /// <summary>Writes <paramref name="report"/> for process <paramref name="pid"/> into <paramref name="directory"/>; answers the final path.</summary>
    /// <exception cref="IOException">The file could not be written (the temporary file is removed).</exception>
    /// <exception cref="UnauthorizedAccessException">The directory refuses writes.</exception>
    public static string Write(string directory, ReadOnlySpan<byte> report, int pid)
    {
        var stem = $"panicpath-{pid}-{DateTime.UtcNow:yyyyMMdd'T'HHmmssfffffff}";
        var temporary = Path.Combine(directory, "." + stem + ".tmp");
        var final = Path.Combine(directory, stem + ".json");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                stream.Write(report);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, final, overwrite: false);
            return final;
        }
        catch (Exception)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception)
            {
                // Nothing more can be done about a directory that refuses writes.
            }

            throw;
        }
    }
}
