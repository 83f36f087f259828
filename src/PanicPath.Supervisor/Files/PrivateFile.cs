using Microsoft.Win32.SafeHandles;

namespace PanicPath.Supervisor.Files;

/// <summary>
/// A file of ours: opened without following a symbolic link (<c>O_NOFOLLOW</c>), created mode 0600
/// whatever the umask, and accepted only when it is a regular file owned by this process's effective
/// user; an existing file of ours with a looser mode is tightened to 0600 on open. Everything the
/// supervisor writes or reads under the data directory goes through here. A refusal throws
/// <see cref="UnsafePathException"/> naming the path.
/// <para>Linux checks the owner with <c>statx</c>; other systems use the BCL's create mode and link checks.</para>
/// </summary>
public static class PrivateFile
{
    /// <summary>The mode of a private file: 0600.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const uint Bits = 0x180; // 0600

    /// <summary>
    /// Opens <paramref name="path"/> as <paramref name="mode"/> says (<see cref="FileMode.Append"/> is not
    /// supported) for <paramref name="access"/>; a file it creates is mode 0600.
    /// </summary>
    /// <exception cref="UnsafePathException">A symbolic link, not a regular file, another user's, or a system error.</exception>
    /// <exception cref="FileNotFoundException">It does not exist and <paramref name="mode"/> does not create it.</exception>
    public static FileStream Open(string path, FileMode mode, FileAccess access) => OpenChecked(path, mode, access, tighten: true);

    /// <summary>
    /// Opens the existing file <paramref name="path"/> for reading as <see cref="Open(string, FileMode, FileAccess)"/>
    /// does (no symbolic link followed, a regular file of this user only), but changes nothing: a looser
    /// mode is left as it is, for a reader that never writes.
    /// </summary>
    /// <exception cref="UnsafePathException">A symbolic link, not a regular file, another user's, or a system error.</exception>
    /// <exception cref="FileNotFoundException">It does not exist.</exception>
    public static FileStream OpenToRead(string path) => OpenChecked(path, FileMode.Open, FileAccess.Read, tighten: false);

    private static FileStream OpenChecked(string path, FileMode mode, FileAccess access, bool tighten)
    {
        var full = Path.GetFullPath(path);
        if (!OperatingSystem.IsLinux())
        {
            return OpenPortable(full, mode, access);
        }

        // O_NONBLOCK: a FIFO or device put where a file of ours should be opens at once (and is refused by
        // the check below) instead of blocking the supervisor until someone opens its other end.
        var flags = Posix.O_NOFOLLOW | Posix.O_CLOEXEC | Posix.O_NONBLOCK | access switch
        {
            FileAccess.Read => Posix.O_RDONLY,
            FileAccess.Write => Posix.O_WRONLY,
            _ => Posix.O_RDWR,
        } | mode switch
        {
            FileMode.CreateNew => Posix.O_CREAT | Posix.O_EXCL,
            // Create and Truncate empty the file only after the checks below: O_TRUNC would empty another
            // user's file (as root) or a FIFO's reader before it is refused.
            FileMode.Create => Posix.O_CREAT,
            FileMode.OpenOrCreate => Posix.O_CREAT,
            FileMode.Open => 0,
            FileMode.Truncate => 0,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Append is not supported."),
        };
        var fd = Posix.Open(full, flags, Bits);
        if (fd < 0)
        {
            var (errno, message) = Posix.LastError();
            if (errno == Posix.ENOENT)
            {
                throw new FileNotFoundException($"{full}: {message}", full);
            }

            var why = errno == Posix.ELOOP && Posix.LStat(full) is { } linked && PrivateDirectory.Describe(linked, wantDirectory: false) is { } described
                ? described + "; refusing it"
                : errno == Posix.EEXIST ? "already exists" : message;
            throw new UnsafePathException(full, why);
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            if (Posix.FStat(fd) is not { } status)
            {
                throw new UnsafePathException(full, Posix.LastError().Message);
            }

            if (PrivateDirectory.Describe(status, wantDirectory: false) is { } problem)
            {
                throw new UnsafePathException(full, problem + "; refusing it");
            }

            if (tighten && (status.Permissions & ~(int)Bits) != 0 && Posix.FChMod(fd, Bits) != 0)
            {
                throw new UnsafePathException(full, "cannot be made mode 0600: " + Posix.LastError().Message);
            }

            if (mode is FileMode.Create or FileMode.Truncate && Posix.FTruncate(fd, 0) != 0)
            {
                throw new UnsafePathException(full, "cannot be emptied: " + Posix.LastError().Message);
            }

            return new FileStream(handle, access, bufferSize: 0);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Reads the whole of <paramref name="path"/>, a file of ours (see <see cref="Open"/>).</summary>
    /// <exception cref="UnsafePathException">Refused, or longer than <paramref name="maxBytes"/>.</exception>
    public static byte[] ReadAllBytes(string path, long maxBytes = int.MaxValue)
    {
        using var stream = Open(path, FileMode.Open, FileAccess.Read);
        if (stream.Length > maxBytes)
        {
            throw new UnsafePathException(Path.GetFullPath(path), $"holds {stream.Length} bytes, more than the {maxBytes} accepted");
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>
    /// Sets an existing file of ours to mode 0600 (for files another program created, such as a
    /// database's journal); a missing file is fine.
    /// </summary>
    /// <exception cref="UnsafePathException">A symbolic link, not a regular file, another user's.</exception>
    public static void Tighten(string path)
    {
        try
        {
            using var _ = Open(path, FileMode.Open, FileAccess.Read);
        }
        catch (FileNotFoundException)
        {
            // Nothing to tighten.
        }
    }

    /// <summary>
    /// Null when <paramref name="path"/> does not exist or is a regular file owned by this user (its mode is
    /// not looked at and nothing is changed, so that a reader that must not write can check a file before
    /// another library opens it); else why not, in words ("is a symbolic link", "is owned by uid …").
    /// </summary>
    public static string? Problem(string path)
    {
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        if (!OperatingSystem.IsLinux())
        {
            return new FileInfo(full).LinkTarget is not null ? "is a symbolic link" : null;
        }

        if (Posix.LStat(full) is not { } status)
        {
            var (errno, message) = Posix.LastError();
            return errno == Posix.ENOENT ? null : message;
        }

        return PrivateDirectory.Describe(status, wantDirectory: false);
    }

    /// <summary>
    /// Takes an exclusive lock on the open file (<c>flock</c>, the lock .NET takes for
    /// <see cref="FileShare.None"/>) without waiting; false when another open file description holds it.
    /// The lock goes with the stream's last close, or with the process.
    /// </summary>
    public static bool TryLock(FileStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (OperatingSystem.IsWindows())
        {
            try
            {
                stream.Lock(0, 0);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }

        var fd = (int)stream.SafeFileHandle.DangerousGetHandle();
        if (Posix.FLock(fd, Posix.LOCK_EX | Posix.LOCK_NB) == 0)
        {
            return true;
        }

        var (errno, message) = Posix.LastError();
        return errno == Posix.EWOULDBLOCK ? false : throw new IOException($"{stream.Name}: cannot lock: {message}");
    }

    private static FileStream OpenPortable(string full, FileMode mode, FileAccess access)
    {
        if (new FileInfo(full).LinkTarget is not null)
        {
            throw new UnsafePathException(full, "is a symbolic link; refusing it");
        }

        var options = new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.ReadWrite, BufferSize = 0 };
        if (!OperatingSystem.IsWindows() && mode is not (FileMode.Open or FileMode.Truncate))
        {
            options.UnixCreateMode = Mode;
        }

        try
        {
            return new FileStream(full, options);
        }
        catch (Exception e) when (e is IOException and not FileNotFoundException or UnauthorizedAccessException)
        {
            throw new UnsafePathException(full, e.Message);
        }
    }
}
