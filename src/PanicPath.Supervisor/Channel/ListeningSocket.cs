using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using PanicPath.Supervisor.Files;

namespace PanicPath.Supervisor.Channel;

/// <summary>
/// A Unix domain stream socket listening at a path (Linux), made with the system's own calls (<c>socket</c>
/// close-on-exec, <c>bind</c>, <c>listen</c>) rather than with <see cref="Socket"/>: the first
/// <see cref="Socket"/> a process makes starts the runtime's socket event thread, about a millisecond of
/// the supervisor's start before its child could start. The channel listens before the launch with this
/// handle and makes its <see cref="Socket"/> from it (<c>new Socket(SafeSocketHandle)</c>) when it starts
/// accepting, right after the launch. A connection made meanwhile waits in the socket's backlog.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static partial class ListeningSocket
{
    private const int AfUnix = 1;
    private const int SockStream = 1;
    private const int SockCloexec = 0x80000;

    /// <summary><c>sizeof(struct sockaddr_un)</c>: the family, then <c>sun_path</c>.</summary>
    private const int AddressSize = 2 + 108;

    /// <summary>Binds a new socket to <paramref name="path"/> (which must not exist) and listens with <paramref name="backlog"/>.</summary>
    /// <exception cref="IOException">The socket could not be made, bound or set listening; the message names the call and the system's reason. Nothing is left open.</exception>
    public static unsafe SafeSocketHandle Listen(string path, int backlog)
    {
        var name = Encoding.UTF8.GetBytes(path);
        if (name.Length > SocketPath.MaxBytes || name.Contains((byte)0))
        {
            throw new IOException($"{path}: not a socket address (at most {SocketPath.MaxBytes} bytes, no NUL)");
        }

        var fd = Socket(AfUnix, SockStream | SockCloexec, 0);
        if (fd < 0)
        {
            throw Failure("socket");
        }

        var handle = new SafeSocketHandle(fd, ownsHandle: true);
        try
        {
            var address = stackalloc byte[AddressSize];
            new Span<byte>(address, AddressSize).Clear();
            *(ushort*)address = AfUnix;
            name.CopyTo(new Span<byte>(address + 2, AddressSize - 2));
            if (Bind(fd, address, 2 + name.Length + 1) != 0)
            {
                throw Failure("bind");
            }

            if (Listen(fd, backlog) != 0)
            {
                throw Failure("listen");
            }
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        return handle;
    }

    private static IOException Failure(string call)
    {
        var (errno, message) = Posix.LastError();
        return new IOException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{call}: {message} (errno {errno})"));
    }

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    private static unsafe partial int Bind(nint fd, byte* address, int length);

    [LibraryImport("libc", EntryPoint = "listen", SetLastError = true)]
    private static partial int Listen(nint fd, int backlog);
}
