using System.Net.Sockets;

namespace PanicPath.Reports;

/// <summary>
/// One connection to the supervisor's report channel (a Unix domain socket), opened at install and
/// never at panic time. Sends whole frames (<see cref="ChannelFrame"/>) with a bounded send timeout and
/// waits a bounded time for an acknowledgement. Every operation answers false instead of throwing.
/// </summary>
internal sealed class ChannelSocket : IDisposable
{
    private readonly Socket socket;
    private readonly byte[] header = new byte[ChannelFrame.HeaderSize];
    private readonly byte[] answer = new byte[ChannelFrame.HeaderSize];

    private ChannelSocket(Socket socket) => this.socket = socket;

    /// <summary>Connects to <paramref name="address"/>; null when nothing listens there or it refuses.</summary>
    internal static ChannelSocket? TryConnect(string address, TimeSpan sendTimeout)
    {
        Socket? socket = null;
        try
        {
            socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            {
                SendTimeout = (int)Math.Clamp(sendTimeout.TotalMilliseconds, 1, int.MaxValue),
            };
            socket.Connect(new UnixDomainSocketEndPoint(address));
            return new ChannelSocket(socket);
        }
        catch (Exception e) when (e is SocketException or IOException or ArgumentException or PlatformNotSupportedException)
        {
            socket?.Dispose();
            return null;
        }
    }

    /// <summary>Sends one frame; false when the socket would not take it within the send timeout.</summary>
    internal bool TrySend(ChannelFrameKind kind, ReadOnlySpan<byte> payload)
    {
        try
        {
            ChannelFrame.WriteHeader(header, kind, payload.Length);
            SendAll(header);
            SendAll(payload);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>Waits at most <paramref name="timeout"/> for an <see cref="ChannelFrameKind.Ack"/> frame.</summary>
    internal bool TryReceiveAck(TimeSpan timeout)
    {
        try
        {
            var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
            var received = 0;
            while (received < answer.Length)
            {
                var left = deadline - Environment.TickCount64;
                if (left <= 0 || !socket.Poll(TimeSpan.FromMilliseconds(left), SelectMode.SelectRead))
                {
                    return false;
                }

                var n = socket.Receive(answer, received, answer.Length - received, SocketFlags.None);
                if (n == 0)
                {
                    return false;
                }

                received += n;
            }

            return ChannelFrame.TryReadHeader(answer, 0, out var kind, out _) is null && kind == ChannelFrameKind.Ack;
        }
        catch (Exception)
        {
            return false;
        }
    }

    public void Dispose() => socket.Dispose();

    private void SendAll(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var n = socket.Send(bytes, SocketFlags.None);
            bytes = bytes[n..];
        }
    }
}
