using System.Globalization;

namespace PanicPath.Supervisor.Files;

/// <summary>
/// A directory of ours: a real directory (never a symbolic link, checked with <c>O_NOFOLLOW</c> on the
/// directory itself), owned by this process's effective user, mode 0700 whatever the umask. Every
/// directory the supervisor makes or opens under the data directory, the channel directory and the dump
/// directory goes through here. A path that fails is refused with <see cref="UnsafePathException"/>
/// naming it; nothing is changed on a path that is refused, and nothing above the given directory is
/// ever changed (missing parents are created 0700, existing ones are left as they are).
/// <para>
/// Linux checks the owner with <c>statx</c>; other Unix systems check the type and mode only; Windows
/// creates the directory and relies on its inherited ACL.
/// </para>
/// </summary>
public static class PrivateDirectory
{
    /// <summary>The mode of a private directory: 0700.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const uint Bits = 0x1C0; // 0700

    /// <summary>This process's effective user id (0 on Windows).</summary>
    public static uint EffectiveUid => OperatingSystem.IsWindows() ? 0 : Posix.GetEffectiveUid();

    /// <summary>
    /// Creates <paramref name="directory"/> (mode 0700; missing parents too) or checks the existing one is a
    /// real directory owned by this user, then sets its mode to exactly 0700. Answers its full path.
    /// </summary>
    /// <exception cref="UnsafePathException">A symbolic link, not a directory, another user's, or a system error.</exception>
    public static string Ensure(string directory)
    {
        var full = FullPath(directory);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full);
            return full;
        }

        if (!OperatingSystem.IsLinux())
        {
            return EnsurePortable(full);
        }

        if (Posix.MkDir(full, Bits) != 0)
        {
            var (errno, message) = Posix.LastError();
            if (errno == Posix.ENOENT)
            {
                CreateParents(full);
                if (Posix.MkDir(full, Bits) != 0 && Posix.LastError() is var (again, why) && again != Posix.EEXIST)
                {
                    throw new UnsafePathException(full, why);
                }
            }
            else if (errno != Posix.EEXIST)
            {
                throw new UnsafePathException(full, message);
            }
        }

        Tighten(full);
        return full;
    }

    /// <summary>
    /// As <see cref="Ensure"/>, for a directory an operator named (the data directory, the dump directory),
    /// which may be a shared one by mistake (<c>--dumps /tmp</c>, <c>--data /etc</c>): an existing directory
    /// of ours whose mode is not 0700 and that holds an entry <paramref name="recognised"/> does not accept (a
    /// file name, no directory) is refused as it is, since making it 0700 would take it from everyone else.
    /// An empty one, or one holding only what <paramref name="recognised"/> accepts, is tightened as before.
    /// </summary>
    /// <exception cref="UnsafePathException">As <see cref="Ensure"/>, or a shared directory as above; the message names it and one entry.</exception>
    public static string EnsureOwn(string directory, Func<string, bool> recognised)
    {
        ArgumentNullException.ThrowIfNull(recognised);
        var full = FullPath(directory);
        if (OperatingSystem.IsLinux() && Posix.LStat(full) is { } status && Describe(status, wantDirectory: true) is null && status.Permissions != Bits)
        {
            var foreign = Directory.EnumerateFileSystemEntries(full).Select(Path.GetFileName).FirstOrDefault(name => !recognised(name!));
            if (foreign is not null)
            {
                throw new UnsafePathException(full, $"is open to others (mode {Convert.ToString(status.Permissions, 8)}) and holds '{foreign}', which panicpath did not make; refusing to make it private: give panicpath a directory of its own");
            }
        }

        return Ensure(full);
    }

    /// <summary>
    /// The nearest existing directory above <paramref name="directory"/> (followed as the kernel follows it)
    /// that another user could change: writable by group or others without the sticky bit, or owned by a
    /// user other than this one and root; with why, in words. Null when there is none (Linux only). Such a
    /// directory lets its other users replace <paramref name="directory"/> between runs; nothing is changed.
    /// </summary>
    public static (string Path, string Why)? SharedAncestor(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var me = Posix.GetEffectiveUid();
        for (var parent = Path.GetDirectoryName(FullPath(directory)); parent is { Length: > 0 }; parent = Path.GetDirectoryName(parent))
        {
            var fd = Posix.Open(parent, Posix.O_RDONLY | Posix.O_DIRECTORY | Posix.O_CLOEXEC, 0);
            if (fd < 0)
            {
                continue;
            }

            FileStatus? status;
            try
            {
                status = Posix.FStat(fd);
            }
            finally
            {
                Posix.Close(fd);
            }

            if (status is not { } found)
            {
                continue;
            }

            if ((found.Permissions & 0x12) != 0 && (found.Permissions & 0x200) == 0)
            {
                return (parent, $"others can write it (mode {Convert.ToString(found.Permissions, 8)}, no sticky bit)");
            }

            if (found.Uid != me && found.Uid != 0)
            {
                return (parent, string.Create(CultureInfo.InvariantCulture, $"it is owned by uid {found.Uid}"));
            }
        }

        return null;
    }

    /// <summary>
    /// Creates <paramref name="directory"/> afresh (mode 0700); its parent must exist. Fails when anything
    /// (a directory, a file, a symbolic link) already has the name. Answers its full path.
    /// </summary>
    /// <exception cref="UnsafePathException">The name is taken, or a system error.</exception>
    public static string CreateNew(string directory)
    {
        var full = FullPath(directory);
        if (OperatingSystem.IsWindows())
        {
            if (Path.Exists(full))
            {
                throw new UnsafePathException(full, "already exists");
            }

            Directory.CreateDirectory(full);
            return full;
        }

        if (!OperatingSystem.IsLinux())
        {
            if (Path.Exists(full) || new FileInfo(full).LinkTarget is not null)
            {
                throw new UnsafePathException(full, "already exists");
            }

            return EnsurePortable(full);
        }

        if (Posix.MkDir(full, Bits) != 0)
        {
            var (errno, message) = Posix.LastError();
            throw new UnsafePathException(full, errno == Posix.EEXIST ? "already exists" : message);
        }

        Tighten(full);
        return full;
    }

    /// <summary>
    /// Creates a fresh directory with a random name, <paramref name="prefix"/> followed by six characters,
    /// in <paramref name="parent"/> (<c>mkdtemp</c>: mode 0700, nobody else can have made it). Answers its full path.
    /// </summary>
    /// <exception cref="UnsafePathException">The parent refuses it.</exception>
    public static string CreateUnique(string parent, string prefix)
    {
        var stem = Path.Combine(FullPath(parent), prefix);
        if (!OperatingSystem.IsLinux())
        {
            for (var i = 0; ; i++)
            {
                try
                {
                    return CreateNew(stem + Guid.NewGuid().ToString("N")[..6]);
                }
                catch (UnsafePathException) when (i < 16)
                {
                    // Taken; try another name.
                }
            }
        }

        if (Posix.MakeTemporaryDirectory(stem) is not { } made)
        {
            throw new UnsafePathException(stem + "XXXXXX", Posix.LastError().Message);
        }

        Tighten(made);
        return made;
    }

    /// <summary>
    /// Null when <paramref name="directory"/> is a real directory owned by this user (its mode is not
    /// looked at and nothing is changed); else why not, in words ("does not exist", "is a symbolic link", …).
    /// </summary>
    public static string? Problem(string directory)
    {
        var full = FullPath(directory);
        if (OperatingSystem.IsWindows())
        {
            return Directory.Exists(full) ? null : "does not exist";
        }

        if (!OperatingSystem.IsLinux())
        {
            var info = new DirectoryInfo(full);
            return info.LinkTarget is not null ? "is a symbolic link" : info.Exists ? null : "does not exist";
        }

        if (Posix.LStat(full) is not { } status)
        {
            var (errno, message) = Posix.LastError();
            return errno == Posix.ENOENT ? "does not exist" : message;
        }

        return Describe(status, wantDirectory: true);
    }

    /// <summary>
    /// True when <paramref name="directory"/> is a real directory owned by this user with mode exactly
    /// 0700 (as <c>$XDG_RUNTIME_DIR</c> must be); changes nothing.
    /// </summary>
    public static bool IsPrivate(string directory)
    {
        if (Problem(directory) is not null)
        {
            return false;
        }

        return OperatingSystem.IsWindows() || File.GetUnixFileMode(FullPath(directory)) == Mode;
    }

    /// <summary>
    /// Deletes from <paramref name="directory"/> the regular files whose names <paramref name="recognised"/>
    /// accepts (a symbolic link, a subdirectory or any other name is left alone, nothing is followed),
    /// then the directory itself if that left it empty. Answers the names left behind (empty when the
    /// directory is gone). A directory that is not ours is not touched: its name alone is answered.
    /// </summary>
    public static IReadOnlyList<string> RemoveRecognised(string directory, Func<string, bool> recognised)
    {
        ArgumentNullException.ThrowIfNull(recognised);
        var full = FullPath(directory);
        if (Problem(full) is { } problem)
        {
            return problem == "does not exist" ? [] : [full];
        }

        var left = new List<string>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(full).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(entry);
            if (recognised(name) && IsOwnRegularFile(entry))
            {
                try
                {
                    File.Delete(entry);
                    continue;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Left; named below.
                }
            }

            left.Add(name);
        }

        if (left.Count == 0)
        {
            try
            {
                Directory.Delete(full, recursive: false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                left.Add(".");
            }
        }

        return left;
    }

    /// <summary>Why a status is not a real directory (or regular file) of ours, or null.</summary>
    internal static string? Describe(FileStatus status, bool wantDirectory)
    {
        if (status.IsSymbolicLink)
        {
            return "is a symbolic link";
        }

        if (wantDirectory ? !status.IsDirectory : !status.IsRegularFile)
        {
            return $"is {status.Kind}, not {(wantDirectory ? "a directory" : "a regular file")}";
        }

        var me = Posix.GetEffectiveUid();
        return status.Uid == me ? null : string.Create(CultureInfo.InvariantCulture, $"is owned by uid {status.Uid}, not by this user (uid {me})");
    }

    private static bool IsOwnRegularFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return File.Exists(path);
        }

        if (!OperatingSystem.IsLinux())
        {
            var info = new FileInfo(path);
            return info.Exists && info.LinkTarget is null;
        }

        return Posix.LStat(path) is { } status && Describe(status, wantDirectory: false) is null;
    }

    /// <summary>Opens the directory without following a link, checks it is ours, sets 0700.</summary>
    private static void Tighten(string full)
    {
        var fd = Posix.Open(full, Posix.O_RDONLY | Posix.O_DIRECTORY | Posix.O_NOFOLLOW | Posix.O_CLOEXEC, 0);
        if (fd < 0)
        {
            var (errno, message) = Posix.LastError();
            var why = errno is Posix.ELOOP or Posix.ENOTDIR && Posix.LStat(full) is { } status && Describe(status, wantDirectory: true) is { } described
                ? described
                : message;
            throw new UnsafePathException(full, why + "; refusing it");
        }

        try
        {
            if (Posix.FStat(fd) is not { } status)
            {
                throw new UnsafePathException(full, Posix.LastError().Message);
            }

            if (Describe(status, wantDirectory: true) is { } problem)
            {
                throw new UnsafePathException(full, problem + "; refusing it");
            }

            if (status.Permissions != Bits && Posix.FChMod(fd, Bits) != 0)
            {
                throw new UnsafePathException(full, "cannot be made mode 0700: " + Posix.LastError().Message);
            }
        }
        finally
        {
            Posix.Close(fd);
        }
    }

    /// <summary>Creates the missing parents of <paramref name="full"/>, each mode 0700 (existing ones are not changed).</summary>
    private static void CreateParents(string full)
    {
        if (Path.GetDirectoryName(full) is not { } parent)
        {
            return;
        }

        if (Posix.MkDir(parent, Bits) == 0)
        {
            return;
        }

        var (errno, message) = Posix.LastError();
        if (errno == Posix.ENOENT)
        {
            CreateParents(parent);
            if (Posix.MkDir(parent, Bits) == 0)
            {
                return;
            }

            (errno, message) = Posix.LastError();
        }

        if (errno != Posix.EEXIST)
        {
            throw new UnsafePathException(full, $"cannot create {parent}: {message}");
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static string EnsurePortable(string full)
    {
        try
        {
            var info = Directory.CreateDirectory(full, Mode);
            if (info.LinkTarget is not null)
            {
                throw new UnsafePathException(full, "is a symbolic link; refusing it");
            }

            File.SetUnixFileMode(full, Mode);
            return full;
        }
        catch (Exception e) when (e is IOException and not UnsafePathException or UnauthorizedAccessException)
        {
            throw new UnsafePathException(full, e.Message);
        }
    }

    private static string FullPath(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)) is { Length: > 0 } p ? p : "/";
}
