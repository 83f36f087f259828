using PanicPath.Reports;
using PanicPath.Supervisor.Files;

namespace PanicPath.Supervisor.Runs;

/// <summary>
/// The supervisor's side of a child's reserved slot (<see cref="SlotFile"/>): made, written and read
/// only through <see cref="PrivateFile"/> (mode 0600, no symbolic link followed, owner checked), like
/// everything else the supervisor touches under the data directory.
/// </summary>
internal static class ReservedSlot
{
    /// <summary>
    /// Creates the slot at <paramref name="path"/> (a new file) and takes its space
    /// (<see cref="SlotFile.Allocate"/>) without waiting for the disk; <see cref="Sync"/> does that after.
    /// A slot that cannot be completed is removed.
    /// </summary>
    /// <exception cref="IOException">The slot could not be made (a full disk, an unsafe path); the message names it.</exception>
    public static void Allocate(string path)
    {
        var stream = PrivateFile.Open(path, FileMode.CreateNew, FileAccess.Write);
        try
        {
            SlotFile.Allocate(stream);
        }
        catch (IOException)
        {
            stream.Dispose();
            File.Delete(path);
            throw;
        }

        stream.Dispose();
    }

    /// <summary>Flushes the slot at <paramref name="path"/> to disk; answers why not (naming it), or null.</summary>
    public static string? Sync(string path)
    {
        try
        {
            using var stream = PrivateFile.Open(path, FileMode.Open, FileAccess.Write);
            stream.Flush(flushToDisk: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{path}: {e.Message}";
        }
    }

    /// <summary>Writes <paramref name="record"/> of the slot at <paramref name="path"/> in place.</summary>
    /// <exception cref="IOException">The slot is not usable or the write failed; the message names it.</exception>
    /// <exception cref="ArgumentException">The payload does not fit a record.</exception>
    public static void Write(string path, SlotRecord record, ReadOnlySpan<byte> payload)
    {
        using var stream = PrivateFile.Open(path, FileMode.Open, FileAccess.Write);
        SlotFile.Write(stream.SafeFileHandle, record, payload);
    }

    /// <summary>Reads <paramref name="record"/> of the slot at <paramref name="path"/>; a missing slot is empty, an unsafe one a problem.</summary>
    public static SlotContent Read(string path, SlotRecord record)
    {
        try
        {
            using var stream = PrivateFile.Open(path, FileMode.Open, FileAccess.Read);
            return SlotFile.Read(stream.SafeFileHandle, record, path);
        }
        catch (FileNotFoundException)
        {
            return default;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new SlotContent(null, $"{path}: {e.Message}");
        }
    }
}
