using System.Text;
using PanicPath.Supervisor.Files;

namespace PanicPath.Supervisor.Channel;

/// <summary>
/// Where a channel socket goes, and the directory made for it, if any. The preferred directory
/// (<c>DATA/channel</c>) when <c>DIR/&lt;name&gt;</c> fits a socket address (107 bytes on Linux); else
/// <c>$XDG_RUNTIME_DIR/panicpath</c> when <c>$XDG_RUNTIME_DIR</c> is set, is ours and is mode 0700; else a
/// fresh directory with a random name (<c>mkdtemp</c>, <c>panicpath-XXXXXX</c>) in the temporary folder
/// or <c>/tmp</c>, which the channel removes when it closes. Every directory goes through
/// <see cref="PrivateDirectory"/>: made 0700, or refused when it is a symbolic link or another user's.
/// A name in a shared directory that another user could take first (such as <c>/tmp/panicpath-&lt;uid&gt;</c>)
/// is never used.
/// </summary>
/// <param name="Path">The socket's path.</param>
/// <param name="MadeDirectory">The fresh directory made for it, to remove with the socket; null when the directory is kept.</param>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed record SocketPath(string Path, string? MadeDirectory)
{
    /// <summary>The longest path a Unix socket address (<c>sun_path</c>, 108 bytes with its terminator) holds.</summary>
    internal const int MaxBytes = 107;

    private const string FreshPrefix = "panicpath-";

    /// <summary>Chooses the path for a socket named <paramref name="name"/> and prepares its directory.</summary>
    /// <param name="preferredDirectory">Where the socket goes when the path fits.</param>
    /// <param name="name">The socket's file name.</param>
    /// <param name="runtimeDirectory">The value of <c>$XDG_RUNTIME_DIR</c>, or null.</param>
    /// <exception cref="UnsafePathException">No directory could be used; the message names the one refused and why.</exception>
    internal static SocketPath Choose(string preferredDirectory, string name, string? runtimeDirectory)
    {
        var preferred = System.IO.Path.GetFullPath(preferredDirectory);
        if (Fits(System.IO.Path.Combine(preferred, name)))
        {
            return new SocketPath(System.IO.Path.Combine(PrivateDirectory.Ensure(preferred), name), null);
        }

        if (runtimeDirectory is { Length: > 0 } && System.IO.Path.IsPathFullyQualified(runtimeDirectory) && PrivateDirectory.IsPrivate(runtimeDirectory))
        {
            var ours = System.IO.Path.Combine(System.IO.Path.GetFullPath(runtimeDirectory), "panicpath");
            if (Fits(System.IO.Path.Combine(ours, name)))
            {
                return new SocketPath(System.IO.Path.Combine(PrivateDirectory.Ensure(ours), name), null);
            }
        }

        foreach (var parent in new[] { System.IO.Path.GetTempPath(), "/tmp" }.Select(p => System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(p))).Distinct(StringComparer.Ordinal))
        {
            if (Fits(System.IO.Path.Combine(parent, FreshPrefix + "XXXXXX", name)))
            {
                var made = PrivateDirectory.CreateUnique(parent, FreshPrefix);
                return new SocketPath(System.IO.Path.Combine(made, name), made);
            }
        }

        throw new UnsafePathException(preferred, $"no directory gives a socket path of at most {MaxBytes} bytes");
    }

    /// <summary>Removes the socket, and the directory made for it.</summary>
    internal void Remove()
    {
        try
        {
            File.Delete(Path);
            if (MadeDirectory is not null)
            {
                Directory.Delete(MadeDirectory, recursive: false);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind; a new run uses a new name.
        }
    }

    private static bool Fits(string path) => Encoding.UTF8.GetByteCount(path) <= MaxBytes;
}
