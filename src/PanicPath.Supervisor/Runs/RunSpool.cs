using PanicPath.Reports;

namespace PanicPath.Supervisor.Runs;

/// <summary>
/// The spool directory the supervisor owns for one child (<c>PANICPATH_SPOOL</c>): created empty before
/// the child starts; after its death the report in it is read with <see cref="CrashReport.Parse"/>.
/// The directory is removed once the death is recorded; a report that does not parse is kept there
/// and named in <see cref="Problem"/>.
/// <para>
/// While the supervisor owns the directory it holds an exclusive lock on the file <c>.owner</c> in it
/// (taken before the directory gets its name, so it is never visible unlocked), which tells
/// <see cref="SpoolIngest"/> at another supervisor's start that the directory is live. A supervisor
/// killed with SIGKILL loses the lock with its life.
/// </para>
/// </summary>
public sealed class RunSpool
{
    /// <summary>The environment variable the library reads.</summary>
    public const string EnvironmentVariable = "PANICPATH_SPOOL";

    /// <summary>The lock file's name inside a run spool directory.</summary>
    public const string OwnerFileName = ".owner";

    private readonly FileStream? owner;

    private RunSpool(string directory, FileStream? owner)
    {
        Directory = directory;
        this.owner = owner;
    }

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

        var staging = Path.Combine(Path.GetFullPath(root), "." + name + ".new");
        if (System.IO.Directory.Exists(staging))
        {
            System.IO.Directory.Delete(staging, recursive: true);
        }

        System.IO.Directory.CreateDirectory(staging);
        var owner = Lock(Path.Combine(staging, OwnerFileName));
        System.IO.Directory.Move(staging, directory);
        return new RunSpool(directory, owner);
    }

    /// <summary>Takes the lock of a leftover directory; null when a live supervisor holds it.</summary>
    public static FileStream? TryClaimLeftover(string directory)
    {
        try
        {
            return Lock(Path.Combine(directory, OwnerFileName));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static FileStream Lock(string path) => new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

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

    /// <summary>Gives the directory up as it is (a leftover for the next start's ingest to claim).</summary>
    public void Release() => owner?.Dispose();

    /// <summary>Removes the directory, unless it holds a report that could not be read.</summary>
    public void Remove()
    {
        owner?.Dispose();
        if (Problem is null && System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
