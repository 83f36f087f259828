namespace PanicPath.Supervisor.Dumps;

/// <summary>
/// How much of a dump directory is kept, as crash databases bound theirs: at most
/// <see cref="MaxDumps"/> dumps and at most <see cref="MaxBytes"/> bytes of them. <see cref="Apply"/>
/// runs after each death, once its dump is in place: it removes recognised dumps (<see cref="DumpFiles"/>)
/// oldest first until both bounds hold, and never the newest dump nor the one it is told to keep, so a
/// single dump larger than the byte bound stays. Nothing but recognised dumps of this user is counted
/// or removed; a symbolic link is removed as a name at most, never followed.
/// </summary>
public sealed record DumpRetention
{
    /// <summary>Dumps kept by default: ten deaths' worth.</summary>
    public const int DefaultMaxDumps = 10;

    /// <summary>Bytes of dumps kept by default: 2 GiB, five to twenty-five heap dumps.</summary>
    public const long DefaultMaxBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>Creates the bounds; both must be 1 or more.</summary>
    public DumpRetention(int maxDumps = DefaultMaxDumps, long maxBytes = DefaultMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDumps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        MaxDumps = maxDumps;
        MaxBytes = maxBytes;
    }

    /// <summary>The bounds by default (<see cref="DefaultMaxDumps"/>, <see cref="DefaultMaxBytes"/>).</summary>
    public static DumpRetention Default { get; } = new();

    /// <summary>No bound: nothing is ever removed.</summary>
    public static DumpRetention Unlimited { get; } = new(int.MaxValue, long.MaxValue);

    /// <summary>The most dumps kept.</summary>
    public int MaxDumps { get; }

    /// <summary>The most bytes of dumps kept.</summary>
    public long MaxBytes { get; }

    /// <summary>
    /// Removes dumps from <paramref name="directory"/>, oldest first, until at most <see cref="MaxDumps"/>
    /// of at most <see cref="MaxBytes"/> bytes are left, keeping the newest and <paramref name="keep"/>.
    /// Answers the dumps removed; a dump that could not be removed is named in the problems and counted as kept.
    /// </summary>
    public (IReadOnlyList<DumpFile> Removed, IReadOnlyList<string> Problems) Apply(string directory, string? keep)
    {
        var dumps = DumpFiles.List(directory);
        var count = dumps.Count;
        var bytes = dumps.Sum(d => d.Bytes);
        var kept = keep is null ? null : Path.GetFullPath(keep);
        var removed = new List<DumpFile>();
        var problems = new List<string>();
        for (var i = 0; i < dumps.Count - 1 && (count > MaxDumps || bytes > MaxBytes); i++)
        {
            var dump = dumps[i];
            if (string.Equals(dump.Path, kept, StringComparison.Ordinal))
            {
                continue;
            }

            // Looked at again just before: still a regular file of ours (a link put in its place is not followed).
            if (DumpFiles.Describe(dump.Path) is null)
            {
                continue;
            }

            try
            {
                File.Delete(dump.Path);
                removed.Add(dump);
                count--;
                bytes -= dump.Bytes;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{dump.Path}: {e.Message}");
            }
        }

        return (removed, problems);
    }
}
