using System.Runtime.InteropServices;

namespace PanicPath.Supervisor.Files;

/// <summary>
/// The few libc calls the BCL has no way to make: <c>open</c> with <c>O_NOFOLLOW</c>/<c>O_DIRECTORY</c>,
/// <c>mkdir</c> and <c>mkdtemp</c> that report why they failed, <c>statx</c> (the owner of a file, which
/// the BCL does not expose; its buffer has one layout on every Linux architecture), <c>fchmod</c> and
/// <c>flock</c> on a descriptor. Linux only; the flag values differ between x86-64 and arm64 and are
/// chosen by the process architecture. Every function answers -1 (or null) with the error in
/// <see cref="Marshal.GetLastPInvokeError"/>.
/// </summary>
internal static unsafe partial class Posix
{
    internal const int ENOENT = 2;
    internal const int EEXIST = 17;
    internal const int ENOTDIR = 20;
    internal const int ELOOP = 40;
    internal const int EWOULDBLOCK = 11;

    internal const int O_RDONLY = 0;
    internal const int O_WRONLY = 1;
    internal const int O_RDWR = 2;
    internal const int O_CREAT = 0x40;
    internal const int O_EXCL = 0x80;
    internal const int O_TRUNC = 0x200;
    internal const int O_APPEND = 0x400;
    internal const int O_CLOEXEC = 0x80000;
    internal const int O_NONBLOCK = 0x800;

    internal const int LOCK_EX = 2;
    internal const int LOCK_NB = 4;

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;
    private const int StatxSize = 256;

    private static bool Arm => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;

    /// <summary><c>O_DIRECTORY</c> on this architecture.</summary>
    internal static int O_DIRECTORY => Arm ? 0x4000 : 0x10000;

    /// <summary><c>O_NOFOLLOW</c> on this architecture.</summary>
    internal static int O_NOFOLLOW => Arm ? 0x8000 : 0x20000;

    /// <summary>The error of the last call, and its text.</summary>
    internal static (int Errno, string Message) LastError()
    {
        var errno = Marshal.GetLastPInvokeError();
        return (errno, Marshal.GetPInvokeErrorMessage(errno));
    }

    /// <summary>The status of <paramref name="path"/> itself (a symbolic link is not followed), or null with the error set.</summary>
    internal static FileStatus? LStat(string path)
    {
        var buffer = stackalloc byte[StatxSize];
        return StatX(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, buffer) == 0 ? FileStatus.FromStatx(new ReadOnlySpan<byte>(buffer, StatxSize)) : null;
    }

    /// <summary>The status of the open descriptor <paramref name="fd"/>, or null with the error set.</summary>
    internal static FileStatus? FStat(int fd)
    {
        var buffer = stackalloc byte[StatxSize];
        return StatX(fd, string.Empty, AtEmptyPath, StatxBasicStats, buffer) == 0 ? FileStatus.FromStatx(new ReadOnlySpan<byte>(buffer, StatxSize)) : null;
    }

    /// <summary><c>mkdtemp</c>: a fresh directory (mode 0700) named <paramref name="prefix"/> and six random characters; its path, or null with the error set.</summary>
    internal static string? MakeTemporaryDirectory(string prefix)
    {
        var template = System.Text.Encoding.UTF8.GetBytes(prefix + "XXXXXX\0");
        fixed (byte* p = template)
        {
            return MkDTemp(p) is null ? null : System.Text.Encoding.UTF8.GetString(template, 0, template.Length - 1);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int Open(string path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "mkdir", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int MkDir(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    internal static partial int FChMod(int fd, uint mode);

    /// <summary><c>ftruncate</c>: sets the open file's length (64-bit <c>off_t</c> on the architectures we run on).</summary>
    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    internal static partial int FTruncate(int fd, long length);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static partial int FLock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    internal static partial uint GetEffectiveUid();

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int StatX(int dirfd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "mkdtemp", SetLastError = true)]
    private static partial byte* MkDTemp(byte* template);
}
