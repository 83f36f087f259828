using System.Runtime.InteropServices;

namespace PanicPath.Supervisor.Files;

/// <summary>What a path is (its type without following a symbolic link), who owns it and its permission bits.</summary>
/// <param name="Type">The file type bits (<c>S_IFMT</c> of <c>st_mode</c>).</param>
/// <param name="Uid">The owner's user id.</param>
/// <param name="Permissions">The permission bits, set-id and sticky bits included (<c>07777</c>).</param>
internal readonly record struct FileStatus(int Type, uint Uid, int Permissions)
{
    private const int TypeMask = 0xF000;
    private const int Directory = 0x4000;
    private const int Regular = 0x8000;
    private const int SymbolicLink = 0xA000;

    /// <summary>A real directory.</summary>
    internal bool IsDirectory => Type == Directory;

    /// <summary>A regular file.</summary>
    internal bool IsRegularFile => Type == Regular;

    /// <summary>A symbolic link (only seen when not followed).</summary>
    internal bool IsSymbolicLink => Type == SymbolicLink;

    /// <summary>The type in words, for messages.</summary>
    internal string Kind => Type switch
    {
        Directory => "a directory",
        Regular => "a regular file",
        SymbolicLink => "a symbolic link",
        0x1000 => "a FIFO",
        0x2000 => "a character device",
        0x6000 => "a block device",
        0xC000 => "a socket",
        _ => "an unknown kind of file",
    };

    /// <summary>Reads a Linux <c>struct statx</c> (<c>stx_uid</c> at 20, <c>stx_mode</c> at 28).</summary>
    internal static FileStatus FromStatx(ReadOnlySpan<byte> statx)
    {
        var mode = MemoryMarshal.Read<ushort>(statx[28..]);
        return new FileStatus(mode & TypeMask, MemoryMarshal.Read<uint>(statx[20..]), mode & 0xFFF);
    }
}
