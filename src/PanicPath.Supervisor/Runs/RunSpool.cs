using PanicPath.Reports;

namespace PanicPath.Supervisor.Runs;

/// <summary>
/// The spool directory the supervisor owns for one child (<c>PANICPATH_SPOOL</c>): created empty before
/// the child starts; after its death the report in it is read with <see cref="CrashReport.Parse"/>.
/// The directory is removed once the death is recorded; a report that does not parse is kept there
/// and named in <see cref="Problem"/>.
/// </summary>
public sealed class RunSpool
{
    /// <summary>The environment variable the library reads.</summary>
    public const string EnvironmentVariable = "PANICPATH_SPOOL";

    private RunSpool(string directory) => Directory = directory;

    /// <summary>The spool directory.</summary>
    public string Directory { get; }

    /// <summary>Why a spooled report could not be read, or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>Creates a new, empty spool directory under <paramref name="root"/>.</summary>
    public static RunSpool Create(string root, string name)
    {
        var directory = Path.Combine(Path.GetFullPath(root), name);
        if (System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }

        System.IO.Directory.CreateDirectory(directory);
        return new RunSpool(directory);
    }

    /// <summary>The report the child spooled (the first, by name, when several), or null.</summary>
    public CrashReport? TakeReport()
    {
        var files = System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetFiles(Directory, "*.json").Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList()
            : [];
        foreach (var file in files)
        {
            try
            {
                return CrashReport.Parse(File.ReadAllBytes(file));
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                Problem = $"{file}: {e.Message}";
            }
        }

        return null;
    }

    /// <summary>Removes the directory, unless it holds a report that could not be read.</summary>
    public void Remove()
    {
        if (Problem is null && System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
