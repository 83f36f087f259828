namespace PanicPath.Reports;

/// <summary>
/// The spool's file format, shared by the library's spool and the supervisor's channel inbox: a report
/// is written to a hidden temporary file in the directory, flushed to disk, then renamed to
/// <c>panicpath-&lt;pid&gt;-&lt;utc&gt;.json</c> (a short report sent at panic entry over the channel:
/// <c>panicpath-&lt;pid&gt;-&lt;utc&gt;.short.json</c>), so a reader of the directory never sees a partial report.
/// Both files are created mode 0600 (owner only) on Unix, whatever the umask, and never through an
/// existing name (a symbolic link included).
/// </summary>
public static class SpoolFile
{
    private const string Prefix = "panicpath-";
    private const string ShortSuffix = ".short.json";

    /// <summary>True when <paramref name="fileName"/> is a report's name as <see cref="Write"/> gives it: <c>panicpath-&lt;pid&gt;-….json</c>.</summary>
    public static bool IsReportName(string fileName) => HasShape(fileName, Prefix, ".json");

    /// <summary>True when <paramref name="fileName"/> is a short report's name as <see cref="Write"/> gives it with <c>shortReport</c>: <c>panicpath-&lt;pid&gt;-….short.json</c>.</summary>
    public static bool IsShortReportName(string fileName) => IsReportName(fileName) && fileName.EndsWith(ShortSuffix, StringComparison.Ordinal);

    /// <summary>True when <paramref name="fileName"/> is a temporary file's name as <see cref="Write"/> gives it: <c>.panicpath-&lt;pid&gt;-….tmp</c>.</summary>
    public static bool IsTemporaryName(string fileName) => HasShape(fileName, "." + Prefix, ".tmp");

    /// <summary>
    /// Writes <paramref name="report"/> for process <paramref name="pid"/> into <paramref name="directory"/>
    /// (named as a short report when <paramref name="shortReport"/>); answers the final path.
    /// </summary>
    /// <exception cref="IOException">The file could not be written (the temporary file is removed).</exception>
    /// <exception cref="UnauthorizedAccessException">The directory refuses writes.</exception>
    public static string Write(string directory, ReadOnlySpan<byte> report, int pid, bool shortReport = false)
    {
        var stem = $"panicpath-{pid}-{DateTime.UtcNow:yyyyMMdd'T'HHmmssfffffff}{(shortReport ? ".short" : string.Empty)}";
        var temporary = Path.Combine(directory, "." + stem + ".tmp");
        var final = Path.Combine(directory, stem + ".json");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
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

    private static bool HasShape(string fileName, string prefix, string suffix)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (!fileName.StartsWith(prefix, StringComparison.Ordinal) || !fileName.EndsWith(suffix, StringComparison.Ordinal) || fileName.Contains('/', StringComparison.Ordinal))
        {
            return false;
        }

        var middle = fileName.AsSpan(prefix.Length, fileName.Length - prefix.Length - suffix.Length);
        var dash = middle.IndexOf('-');
        return dash > 0 && dash < middle.Length - 1 && !middle[..dash].ContainsAnyExceptInRange('0', '9');
    }
}
