using System.Globalization;
using System.Text;
using PanicPath.Reports;
using PanicPath.Supervisor.Files;

namespace PanicPath.Supervisor.Runs;

/// <summary>
/// The spool directory the supervisor owns for one child (<c>PANICPATH_SPOOL</c>): created empty and
/// private (mode 0700, see <see cref="PrivateDirectory"/>) before the child starts; after its death the
/// report in it is read with <see cref="CrashReport.Parse"/> (a symbolic link or another user's file is
/// not read). The directory is removed once the death is recorded, deleting only the files it
/// recognises (<see cref="IsOwnFile"/>): anything else keeps it, named in <see cref="Remove"/>'s answer. A
/// report that does not parse is kept there and named in <see cref="Problem"/>.
/// <para>
/// While the supervisor owns the directory it holds an exclusive lock on the file <c>.owner</c> in it
/// (taken before the directory gets its name, so it is never visible unlocked), which tells
/// <see cref="SpoolIngest"/> at another supervisor's start that the directory is live. A supervisor
/// killed with SIGKILL loses the lock with its life. <c>.owner</c> holds the pid of the process whose
/// report the directory waits for: the supervisor's until the child starts, then the child's
/// (<see cref="RecordChild"/>); once that process is gone, an empty directory is swept.
/// </para>
/// </summary>
public sealed class RunSpool
{
    /// <summary>The environment variable the library reads.</summary>
    public const string EnvironmentVariable = "PANICPATH_SPOOL";

    /// <summary>The lock file's name inside a run spool directory.</summary>
    public const string OwnerFileName = ".owner";

    /// <summary>The largest spooled report read (sixteen times the channel's default message limit).</summary>
    public const int MaxReportBytes = 16 << 20;

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

    /// <summary>True for the names of files a run spool directory may hold that PanicPath wrote: reports, their temporary files and <c>.owner</c>.</summary>
    public static bool IsOwnFile(string fileName) =>
        fileName == OwnerFileName || SpoolFile.IsReportName(fileName) || SpoolFile.IsTemporaryName(fileName);

    /// <summary>Creates a new, empty spool directory under <paramref name="root"/> (made private, or refused when it is not ours).</summary>
    /// <exception cref="UnsafePathException">The root or the new directory cannot be used.</exception>
    public static RunSpool Create(string root, string name)
    {
        var rootPath = PrivateDirectory.Ensure(root);
        var directory = Path.Combine(rootPath, name);
        var staging = PrivateDirectory.CreateNew(Path.Combine(rootPath, "." + name + ".new"));
        FileStream? owner = null;
        try
        {
            owner = PrivateFile.Open(Path.Combine(staging, OwnerFileName), FileMode.CreateNew, FileAccess.ReadWrite);
            if (!PrivateFile.TryLock(owner))
            {
                throw new UnsafePathException(owner.Name, "is locked by another process");
            }

            Write(owner, Environment.ProcessId);
            System.IO.Directory.Move(staging, directory);
            return new RunSpool(directory, owner);
        }
        catch
        {
            owner?.Dispose();
            PrivateDirectory.RemoveRecognised(staging, IsOwnFile);
            throw;
        }
    }

    /// <summary>Takes the lock of a leftover directory; null when a live supervisor holds it (or it cannot be opened as ours).</summary>
    public static FileStream? TryClaimLeftover(string directory)
    {
        FileStream? stream = null;
        try
        {
            stream = PrivateFile.Open(Path.Combine(directory, OwnerFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite);
            if (PrivateFile.TryLock(stream))
            {
                return stream;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not ours to claim.
        }

        stream?.Dispose();
        return null;
    }

    /// <summary>The pid a claimed <c>.owner</c> file records, or null when it records none.</summary>
    public static int? RecordedPid(FileStream owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        Span<byte> buffer = stackalloc byte[32];
        owner.Position = 0;
        var read = owner.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return int.TryParse(Encoding.ASCII.GetString(buffer[..read]).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
    }

    /// <summary>Records in <c>.owner</c> that the directory now waits for the child <paramref name="pid"/>.</summary>
    public void RecordChild(int pid)
    {
        if (owner is not null)
        {
            Write(owner, pid);
        }
    }

    /// <summary>The report the child spooled (the first, by name, when several), or null.</summary>
    public CrashReport? TakeReport()
    {
        if (PrivateDirectory.Problem(Directory) is { } unusable)
        {
            if (unusable != "does not exist")
            {
                Problem = $"{Directory} {unusable}; nothing in it is read";
            }

            return null;
        }

        var files = System.IO.Directory.EnumerateFiles(Directory).Where(f => SpoolFile.IsReportName(Path.GetFileName(f))).Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            try
            {
                return CrashReport.Parse(PrivateFile.ReadAllBytes(file, MaxReportBytes));
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                Problem = e is UnsafePathException ? e.Message : $"{file}: {e.Message}";
            }
        }

        return null;
    }

    /// <summary>Gives the directory up as it is (a leftover for the next start's ingest to claim).</summary>
    public void Release() => owner?.Dispose();

    /// <summary>
    /// Removes the directory, unless it holds a report that could not be read: deletes the files PanicPath
    /// wrote and then the directory if empty. Answers the names of anything else it held (kept, with the directory).
    /// </summary>
    public IReadOnlyList<string> Remove()
    {
        owner?.Dispose();
        return Problem is null ? PrivateDirectory.RemoveRecognised(Directory, IsOwnFile) : [];
    }

    private static void Write(FileStream owner, int pid)
    {
        owner.SetLength(0);
        owner.Position = 0;
        owner.Write(Encoding.ASCII.GetBytes(pid.ToString(CultureInfo.InvariantCulture) + "\n"));
        owner.Flush();
    }
}
