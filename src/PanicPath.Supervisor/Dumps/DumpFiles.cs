using System.Text.RegularExpressions;
using PanicPath.Supervisor.Files;

namespace PanicPath.Supervisor.Dumps;

/// <summary>
/// The files of a dump directory the supervisor recognises as dumps of its children, by their naming
/// scheme: <c>core.&lt;pid&gt;</c> (the runtime's createdump, armed by
/// <see cref="Launch.CrashCaptureSettings"/>, and the hang watchdog's dump) and
/// <c>panicpath-&lt;pid&gt;-&lt;yyyyMMddTHHmmssfff&gt;.dmp</c> (the in-process dumper,
/// <see cref="PanicPath.Dumps.CrashCapture.InProcessDumpName"/>). Only regular files owned by this
/// process's user count, looked at without following symbolic links; the crash-report JSON beside a
/// dump is not a dump. On Linux the owner is checked (<c>statx</c>); elsewhere nothing is recognised.
/// </summary>
public static partial class DumpFiles
{
    /// <summary>Whether <paramref name="name"/> (a file name, no directory) follows the dump naming scheme.</summary>
    public static bool IsDumpName(string name) => Scheme().IsMatch(name);

    /// <summary>Whether <paramref name="name"/> is a dump's name or the runtime's crash-report JSON beside one (<c>core.&lt;pid&gt;.crashreport.json</c>).</summary>
    public static bool IsDumpOrReportName(string name) =>
        IsDumpName(name) || (name.EndsWith(CrashReportSuffix, StringComparison.Ordinal) && IsDumpName(name[..^CrashReportSuffix.Length]));

    private const string CrashReportSuffix = ".crashreport.json";

    /// <summary>
    /// The recognised dumps in <paramref name="directory"/>, oldest first (by last write, then by name);
    /// empty when the directory is missing or is not a real directory of this user.
    /// </summary>
    public static IReadOnlyList<DumpFile> List(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!OperatingSystem.IsLinux() || PrivateDirectory.Problem(directory) is not null)
        {
            return [];
        }

        var dumps = new List<DumpFile>();
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(Path.GetFullPath(directory)).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        foreach (var path in entries)
        {
            if (IsDumpName(Path.GetFileName(path)) && Describe(path) is { } dump)
            {
                dumps.Add(dump);
            }
        }

        // Sorted in place (oldest first, then by path): no ordered enumerable, whose generic code a native
        // binary builds at run time, on the path from a child's exit to its record.
        dumps.Sort(static (a, b) => a.WrittenAt != b.WrittenAt ? a.WrittenAt.CompareTo(b.WrittenAt) : string.CompareOrdinal(a.Path, b.Path));
        return dumps;
    }

    /// <summary>The dump at <paramref name="path"/> when it is a regular file of this user (not followed if a link), else null.</summary>
    public static DumpFile? Describe(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsLinux() || Posix.LStat(path) is not { IsRegularFile: true } status || status.Uid != PrivateDirectory.EffectiveUid)
        {
            return null;
        }

        try
        {
            var info = new FileInfo(path);
            return new DumpFile(info.FullName, info.Length, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\A(core\.[0-9]{1,10}|panicpath-[0-9]{1,10}-[0-9]{8}T[0-9]{9}\.dmp)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Scheme();
}
