using System.Globalization;
using System.Text;

namespace PanicPath.Supervisor.Channel;

/// <summary>
/// Where a channel socket goes: <c>DIR/&lt;name&gt;.sock</c> in a directory of mode 0700, unless that
/// path is longer than a socket address holds (107 bytes on Linux), in which case the short private
/// directory <c>/tmp/panicpath-&lt;uid&gt;</c> (mode 0700, not a symbolic link) is used.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class SocketPath
{
    /// <summary>The longest path a Unix socket address (<c>sun_path</c>, 108 bytes with its terminator) holds.</summary>
    internal const int MaxBytes = 107;

    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Chooses the path for a socket named <paramref name="name"/> and prepares its directory.</summary>
    /// <exception cref="IOException">The directory cannot be made private; the message names it.</exception>
    internal static string Choose(string preferredDirectory, string name)
    {
        var preferred = Path.Combine(Path.GetFullPath(preferredDirectory), name);
        var directory = Encoding.UTF8.GetByteCount(preferred) <= MaxBytes
            ? Path.GetFullPath(preferredDirectory)
            : Path.Combine("/tmp", "panicpath-" + PeerCredentials.EffectiveUid.ToString(CultureInfo.InvariantCulture));
        PreparePrivate(directory);
        return Path.Combine(directory, name);
    }

    private static void PreparePrivate(string directory)
    {
        try
        {
            var info = Directory.CreateDirectory(directory, Private);
            if (info.LinkTarget is not null)
            {
                throw new IOException($"channel directory {directory} is a symbolic link; refusing it");
            }

            File.SetUnixFileMode(directory, Private);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"channel directory {directory}: {e.Message}", e);
        }
    }
}
