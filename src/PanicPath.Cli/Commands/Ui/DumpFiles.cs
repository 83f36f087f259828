using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Files;

namespace PanicPath.Cli.Commands.Ui;

/// <summary>
/// The files a death's record names that <c>panicpath ui</c> may serve: its dump and the runtime's crash
/// report, each only when the death was recorded on this machine (or by a version that kept no machine)
/// and the record's path is directly in the data directory's dump folder, itself a
/// real directory of this user (not a symbolic link). The file is opened without following a symbolic
/// link and only as a regular file of this user (<see cref="PrivateFile.OpenToRead"/>), and nothing about
/// it is changed. Any other name, a path elsewhere, or a file refused is never opened.
/// </summary>
internal sealed class DumpFiles(string dumpFolder)
{
    private readonly string folder = Path.GetFullPath(dumpFolder);

    /// <summary>One file the record names: its name in the route, its path, and what it is.</summary>
    public sealed record Named(string Name, string Path, string What);

    /// <summary>The files <paramref name="death"/> names (its dump, its crash report), in that order.</summary>
    public static IEnumerable<Named> Of(DeathRecord death)
    {
        if (death.Dump is { Length: > 0 } dump)
        {
            yield return new Named(System.IO.Path.GetFileName(dump), dump, "dump");
        }

        if (death.CrashReport is { Length: > 0 } report)
        {
            yield return new Named(System.IO.Path.GetFileName(report), report, "runtime crash report");
        }
    }

    /// <summary>
    /// Null when <paramref name="file"/> of <paramref name="death"/> may be served; else why not, in words. A
    /// death recorded on another machine (a shared PostgreSQL store) names a path there, never served here.
    /// </summary>
    public string? Refusal(DeathRecord death, Named file)
    {
        if (death.Host is { } host && !string.Equals(host, Environment.MachineName, StringComparison.Ordinal))
        {
            return $"not served: it was recorded on {host}, not on this machine";
        }

        var full = System.IO.Path.GetFullPath(file.Path);
        if (file.Name.Length == 0 || !string.Equals(System.IO.Path.GetDirectoryName(full), folder, StringComparison.Ordinal))
        {
            return $"not served: it is not in the dump folder {folder}";
        }

        return PrivateDirectory.Problem(folder) is { } problem ? $"not served: the dump folder {folder} {problem}" : null;
    }

    /// <summary>
    /// The file named <paramref name="name"/> of <paramref name="death"/>, open for reading; or null with
    /// why not (<paramref name="status"/> the HTTP status that says it).
    /// </summary>
    public FileStream? Open(DeathRecord death, string name, out int status, out string? why)
    {
        status = 404;
        var file = Of(death).FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
        if (file is null)
        {
            why = $"Death {death.Id} names no file '{name}'.";
            return null;
        }

        if (file.What == "dump" && death.DumpPrunedAt is { } pruned)
        {
            status = 410;
            why = $"The dump {file.Path} was pruned at {pruned.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z.";
            return null;
        }

        if (Refusal(death, file) is { } refused)
        {
            status = 403;
            why = $"{file.Path}: {refused}.";
            return null;
        }

        try
        {
            why = null;
            return PrivateFile.OpenToRead(file.Path);
        }
        catch (FileNotFoundException)
        {
            why = $"{file.Path} is no longer there.";
            return null;
        }
        catch (UnsafePathException e)
        {
            status = 403;
            why = e.Message;
            return null;
        }
    }
}
