using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace PanicPath.Model.Scenarios.Files;

/// <summary>
/// Reads a scenario file without trusting what the path names. The file is opened with <c>O_NONBLOCK</c>
/// (so a FIFO with no writer cannot block the open) and its type is read from the open descriptor
/// (<c>statx</c>): anything but a regular file (a directory, a FIFO, a device, a socket) is refused before a
/// byte is read. At most <see cref="ScenarioParser.MaxFileBytes"/> bytes are read; a larger file is a
/// located error at its first line. Failures to open or read are an <see cref="IOException"/> whose message
/// says why (<c>No such file or directory</c>, <c>a FIFO, not a regular file</c>). Linux only for the
/// descriptor checks; elsewhere a directory is refused by name and the file is read as the BCL opens it.
/// </summary>
internal static unsafe partial class ScenarioFileReader
{
    private const int ORdOnly = 0;
    private const int OCloExec = 0x80000;
    private const int ONonBlock = 0x800;
    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;
    private const int StatxSize = 256;
    private const int TypeMask = 0xF000;
    private const int Regular = 0x8000;

    /// <summary>The text of the regular file at <paramref name="path"/>, and its identity.</summary>
    public static string Read(string path, out FileIdentity identity)
    {
        if (!OperatingSystem.IsLinux())
        {
            return ReadPortably(path, out identity);
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            // The system would read the path only up to the NUL: another file than the one named.
            throw new IOException("a path without a NUL character");
        }

        var fd = Open(path, ORdOnly | OCloExec | ONonBlock, 0);
        if (fd < 0)
        {
            throw new IOException(Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
        }

        using var handle = new SafeFileHandle((IntPtr)fd, ownsHandle: true);
        var status = Status(fd, string.Empty, AtEmptyPath)
            ?? throw new IOException(Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
        if (status.Type != Regular)
        {
            throw new IOException($"{Kind(status.Type)}, not a regular file");
        }

        identity = status.Identity;
        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = RandomAccess.Read(handle, chunk, buffer.Length)) > 0)
        {
            Append(buffer, chunk, read, path);
        }

        return Decode(buffer);
    }

    /// <summary>
    /// The identity of the regular file at <paramref name="path"/> (symbolic links followed), or null when
    /// there is none: a scenario compiled from text whose name is not a file cannot be included again.
    /// </summary>
    public static FileIdentity? IdentityOf(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return File.Exists(path) ? new FileIdentity(Path.GetFullPath(path)) : null;
        }

        return path.Length > 0 && !path.Contains('\0', StringComparison.Ordinal) && Status(AtFdCwd, path, 0) is { Type: Regular } status ? status.Identity : null;
    }

    private static string ReadPortably(string path, out FileIdentity identity)
    {
        if (Directory.Exists(path))
        {
            throw new IOException("a directory, not a regular file");
        }

        identity = new FileIdentity(Path.GetFullPath(path));
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            Append(buffer, chunk, read, path);
        }

        return Decode(buffer);
    }

    private static void Append(MemoryStream buffer, byte[] chunk, int read, string path)
    {
        if (buffer.Length + read > ScenarioParser.MaxFileBytes)
        {
            throw new ScenarioException(new SourceLocation(path, 1, 1), $"a scenario file of at most {ScenarioParser.MaxFileBytes >> 20} MiB");
        }

        buffer.Write(chunk, 0, read);
    }

    private static string Decode(MemoryStream buffer)
    {
        buffer.Position = 0;
        using var reader = new StreamReader(buffer, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static string Kind(int type) => type switch
    {
        0x4000 => "a directory",
        0x1000 => "a FIFO",
        0x2000 => "a character device",
        0x6000 => "a block device",
        0xC000 => "a socket",
        _ => "an unknown kind of file",
    };

    /// <summary>The type bits and identity from a Linux <c>struct statx</c> (<c>stx_mode</c> at 28, <c>stx_ino</c> at 32, <c>stx_dev_major/minor</c> at 136/140).</summary>
    private static (int Type, FileIdentity Identity)? Status(int dirfd, string path, int flags)
    {
        var buffer = stackalloc byte[StatxSize];
        if (StatX(dirfd, path, flags, StatxBasicStats, buffer) != 0)
        {
            return null;
        }

        var statx = new ReadOnlySpan<byte>(buffer, StatxSize);
        var mode = MemoryMarshal.Read<ushort>(statx[28..]);
        var inode = MemoryMarshal.Read<ulong>(statx[32..]);
        var major = MemoryMarshal.Read<uint>(statx[136..]);
        var minor = MemoryMarshal.Read<uint>(statx[140..]);
        return (mode & TypeMask, new FileIdentity(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{major}:{minor}:{inode}")));
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int StatX(int dirfd, string path, int flags, uint mask, byte* buffer);
}
