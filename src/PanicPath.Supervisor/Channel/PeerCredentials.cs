using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace PanicPath.Supervisor.Channel;

/// <summary>
/// The process at the other end of a Unix domain socket as the kernel states it (Linux
/// <c>SO_PEERCRED</c>: pid, uid, gid at connect time), and this process's effective uid. The peer cannot
/// forge them.
/// </summary>
internal readonly partial record struct PeerCredentials(int Pid, int Uid, int Gid)
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    /// <summary>This process's effective user id.</summary>
    internal static int EffectiveUid => (int)Files.Posix.GetEffectiveUid();

    /// <summary>The credentials of the peer of <paramref name="socket"/>.</summary>
    /// <exception cref="SocketException">The kernel would not say.</exception>
    internal static PeerCredentials Of(Socket socket)
    {
        Span<byte> raw = stackalloc byte[12];
        var length = socket.GetRawSocketOption(SolSocket, SoPeerCred, raw);
        if (length < 12)
        {
            throw new SocketException((int)SocketError.ProtocolNotSupported);
        }

        return new PeerCredentials(
            BinaryPrimitives.ReadInt32LittleEndian(raw),
            BinaryPrimitives.ReadInt32LittleEndian(raw[4..]),
            BinaryPrimitives.ReadInt32LittleEndian(raw[8..]));
    }
}
