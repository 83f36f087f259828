using System.Globalization;
using System.Text;
using PanicPath.Reports;
using PanicPath.Supervisor.Deaths;
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
/// <para>
/// Before the child starts, a slot (<see cref="SlotFile"/>, <c>.slot</c>, 24 KiB really allocated) is
/// reserved in the directory and named to the child in <c>PANICPATH_SLOT</c>: when the disk is full, the
/// child's report, the report received over the channel and the supervisor's record of the death are
/// kept there in place. A slot that cannot be reserved (the disk already full) is named in
/// <see cref="SlotProblem"/> and the child runs without one. Its space is taken when it is made (the
/// zeros written); it is flushed to disk by <see cref="SyncSlot"/>, which the supervisor calls once the
/// child is launched.
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

    private RunSpool(string directory, FileStream? owner, string? slotProblem)
    {
        Directory = directory;
        this.owner = owner;
        SlotProblem = slotProblem;
        SlotPath = slotProblem is null ? Path.Combine(directory, SlotFile.FileName) : null;
    }

    /// <summary>The spool directory.</summary>
    public string Directory { get; }

    /// <summary>The reserved slot, or null when none could be reserved.</summary>
    public string? SlotPath { get; }

    /// <summary>Why no slot could be reserved, or null.</summary>
    public string? SlotProblem { get; }

    /// <summary>Where the report <see cref="TakeReport"/> answered was found (a file, or the slot), or null.</summary>
    public string? ReportSource { get; private set; }

    /// <summary>Why a spooled report could not be read, or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>True for the names of files a run spool directory may hold that PanicPath wrote: reports, their temporary files, <c>.owner</c> and the slot.</summary>
    public static bool IsOwnFile(string fileName) =>
        fileName is OwnerFileName or SlotFile.FileName || SpoolFile.IsReportName(fileName) || SpoolFile.IsTemporaryName(fileName);

    /// <summary>Creates a new, empty spool directory under <paramref name="root"/> (made private, or refused when it is not ours).</summary>
    /// <exception cref="UnsafePathException">The root or the new directory cannot be used.</exception>
    public static RunSpool Create(string root, string name)
    {
        var rootPath = PrivateDirectory.Ensure(root);
        var directory = Path.Combine(rootPath, name);
        var staging = PrivateDirectory.CreateNew(Path.Combine(rootPath, StagingName(name, Environment.ProcessId)));
        FileStream? owner = null;
        try
        {
            owner = PrivateFile.Open(Path.Combine(staging, OwnerFileName), FileMode.CreateNew, FileAccess.ReadWrite);
            if (!PrivateFile.TryLock(owner))
            {
                throw new UnsafePathException(owner.Name, "is locked by another process");
            }

            Write(owner, Environment.ProcessId);
            string? slotProblem = null;
            try
            {
                ReservedSlot.Allocate(Path.Combine(staging, SlotFile.FileName));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                slotProblem = $"{Path.Combine(directory, SlotFile.FileName)}: {e.Message}";
            }

            System.IO.Directory.Move(staging, directory);
            return new RunSpool(directory, owner, slotProblem);
        }
        catch
        {
            owner?.Dispose();
            PrivateDirectory.RemoveRecognised(staging, IsOwnFile);
            throw;
        }
    }

    /// <summary>
    /// Flushes the reserved slot's zeros to disk (see <see cref="ReservedSlot.Sync"/>); answers why that
    /// failed, naming the slot, or null (also when there is no slot).
    /// </summary>
    public string? SyncSlot() => SlotPath is null ? null : ReservedSlot.Sync(SlotPath);

    /// <summary>The staging directory's name for run directory <paramref name="name"/> made by process <paramref name="pid"/>: <c>.&lt;name&gt;.&lt;pid&gt;.new</c>.</summary>
    internal static string StagingName(string name, int pid) => string.Create(CultureInfo.InvariantCulture, $".{name}.{pid}.new");

    /// <summary>The pid of the process that made staging directory <paramref name="stagingName"/>, or null when its name records none.</summary>
    internal static int? StagingCreator(string stagingName)
    {
        var stem = stagingName.EndsWith(".new", StringComparison.Ordinal) ? stagingName[..^4] : stagingName;
        var dot = stem.LastIndexOf('.');
        return dot > 0 && int.TryParse(stem.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
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

    /// <summary>The report the child left (see <see cref="ReadReport"/>), or null; problems are named in <see cref="Problem"/>.</summary>
    public CrashReport? TakeReport()
    {
        var (report, source, problem) = ReadReport(Directory);
        Problem = problem;
        ReportSource = source;
        return report;
    }

    /// <summary>
    /// Keeps <paramref name="death"/> in the slot's death record, for a later attempt to store; answers
    /// null when it is kept, else why not (no slot, the write failed).
    /// </summary>
    public string? KeepDeath(DeathRecord death)
    {
        if (SlotPath is null)
        {
            return $"no slot ({SlotProblem})";
        }

        try
        {
            ReservedSlot.Write(SlotPath, SlotRecord.Death, KeptDeath.Encode(death));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return $"{SlotPath}: {e.Message}";
        }
    }

    /// <summary>
    /// The report left in a run spool <paramref name="directory"/> (a private directory of ours; a
    /// symbolic link or another user's file is not read): the first spooled long report by name that parses,
    /// else the report the supervisor kept in the slot from the channel, else the one the child kept in
    /// the slot, else the short report the channel received at panic entry. Answers where it was found and, when something could not be read (a report that does
    /// not parse, a torn slot record, an unsafe directory), what.
    /// </summary>
    internal static (CrashReport? Report, string? Source, string? Problem) ReadReport(string directory)
    {
        if (PrivateDirectory.Problem(directory) is { } unusable)
        {
            return (null, null, unusable == "does not exist" ? null : $"{directory} {unusable}; nothing in it is read");
        }

        string? problem = null;
        var files = System.IO.Directory.EnumerateFiles(directory).Where(f => SpoolFile.IsReportName(Path.GetFileName(f))).Order(StringComparer.Ordinal).ToList();
        if (FirstParsing(files.Where(f => !SpoolFile.IsShortReportName(Path.GetFileName(f))), ref problem) is { } spooled)
        {
            return (spooled.Report, spooled.File, problem);
        }

        var slot = Path.Combine(directory, SlotFile.FileName);
        foreach (var record in (SlotRecord[])[SlotRecord.InboxReport, SlotRecord.ChildReport])
        {
            var content = ReservedSlot.Read(slot, record);
            if (content.Problem is { } torn)
            {
                problem = problem is null ? torn : $"{problem}; {torn}";
            }

            if (content.Payload is { } payload)
            {
                try
                {
                    return (CrashReport.Parse(payload), slot, problem);
                }
                catch (FormatException e)
                {
                    var bad = $"{slot} ({record}): {e.Message}";
                    problem = problem is null ? bad : $"{problem}; {bad}";
                }
            }
        }

        // Only the short report sent at panic entry: the path never reached its end (or its long report was lost).
        if (FirstParsing(files.Where(f => SpoolFile.IsShortReportName(Path.GetFileName(f))), ref problem) is { } first)
        {
            return (first.Report, first.File, problem);
        }

        return (null, null, problem);
    }

    /// <summary>The first of <paramref name="files"/> that parses as a report, or null; each that does not is added to <paramref name="problem"/>'s note.</summary>
    private static (CrashReport Report, string File)? FirstParsing(IEnumerable<string> files, ref string? problem)
    {
        foreach (var file in files)
        {
            try
            {
                return (CrashReport.Parse(PrivateFile.ReadAllBytes(file, MaxReportBytes)), file);
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                problem = e is UnsafePathException ? e.Message : $"{file}: {e.Message}";
            }
        }

        return null;
    }

    /// <summary>The death kept in the slot of <paramref name="directory"/>, or null; a torn or unreadable record is named in the problem.</summary>
    internal static (DeathRecord? Death, string? Problem) ReadKeptDeath(string directory)
    {
        var slot = Path.Combine(directory, SlotFile.FileName);
        var content = ReservedSlot.Read(slot, SlotRecord.Death);
        if (content.Payload is not { } payload)
        {
            return (null, content.Problem);
        }

        try
        {
            return (KeptDeath.Decode(payload), null);
        }
        catch (FormatException e)
        {
            return (null, $"{slot} (death record): {e.Message}");
        }
    }

    /// <summary>Gives the directory up as it is (a leftover for the next start's ingest to claim).</summary>
    public void Release() => owner?.Dispose();

    /// <summary>
    /// Removes the directory, unless it holds a report that could not be read: renamed to a tombstone while
    /// its <c>.owner</c> is still locked, then the files PanicPath wrote deleted and the directory if empty
    /// (<see cref="Entomb"/>), so that a supervisor killed part way leaves a tombstone the next ingest sweeps.
    /// Answers the names of anything else it held (kept, with the directory).
    /// </summary>
    public IReadOnlyList<string> Remove()
    {
        if (Problem is not null)
        {
            owner?.Dispose();
            return [];
        }

        try
        {
            // Renamed while its .owner is still locked, so no ingest claims it half-emptied.
            var (_, left) = Entomb(Directory, afterRename: () => owner?.Dispose());
            return left;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not renamed (gone already, or refused): its own files go where it is.
            owner?.Dispose();
            return PrivateDirectory.RemoveRecognised(Directory, IsOwnFile);
        }
    }

    /// <summary>The suffix of a run directory renamed for removal (<c>.&lt;name&gt;.recorded</c>), which ingest sweeps.</summary>
    internal const string TombstoneSuffix = ".recorded";

    /// <summary>
    /// Removes the run directory <paramref name="directory"/>: when it holds only files PanicPath writes, it
    /// is first renamed (atomically) to a tombstone, then those files are deleted and the tombstone with
    /// them, so that a kill part way through leaves a tombstone the next ingest sweeps, never a half-emptied
    /// run directory (one whose <c>.owner</c> is gone is claimed with no pid, and never swept). One holding
    /// anything else keeps that where it is, its own files deleted. <paramref name="afterRename"/> runs once
    /// the directory is renamed. Answers where anything was left and its names (empty when all is gone).
    /// </summary>
    /// <exception cref="IOException">The rename failed.</exception>
    internal static (string Where, IReadOnlyList<string> Left) Entomb(string directory, Action? afterRename = null)
    {
        if (System.IO.Directory.EnumerateFileSystemEntries(directory).Any(e => !IsOwnFile(Path.GetFileName(e))))
        {
            afterRename?.Invoke();
            return (directory, PrivateDirectory.RemoveRecognised(directory, IsOwnFile));
        }

        var tombstone = Path.Combine(Path.GetDirectoryName(directory)!, "." + Path.GetFileName(directory) + TombstoneSuffix);
        if (PrivateDirectory.RemoveRecognised(tombstone, IsOwnFile) is { Count: > 0 } stale)
        {
            afterRename?.Invoke();
            return (tombstone, stale);
        }

        System.IO.Directory.Move(directory, tombstone);
        afterRename?.Invoke();
        return (tombstone, PrivateDirectory.RemoveRecognised(tombstone, IsOwnFile));
    }

    /// <summary>
    /// Records <paramref name="pid"/> in <c>.owner</c>. On a full disk the pid cannot be written: it is
    /// left out (the lock is what marks the directory live), and a directory recording no pid is never
    /// swept as abandoned, only ingested.
    /// </summary>
    private static void Write(FileStream owner, int pid)
    {
        try
        {
            owner.SetLength(0);
            owner.Position = 0;
            owner.Write(Encoding.ASCII.GetBytes(pid.ToString(CultureInfo.InvariantCulture) + "\n"));
            owner.Flush();
        }
        catch (IOException)
        {
            // A full disk: no pid recorded.
        }
    }
}
