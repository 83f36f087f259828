using System.Net.Sockets;

namespace PanicPath.Reports;

/// <summary>
/// One connection to the supervisor's report channel (a Unix domain socket), opened at install and
/// never at panic time. Greets the supervisor (<see cref="Greet"/>) to agree on the protocol version,
/// sends whole frames (<see cref="ChannelFrame"/>) in that version with a bounded send timeout, and waits
/// a bounded time for acknowledgements: every report sent is owed one ack, so an ack that comes late
/// (after its wait gave up) is counted against that report and never taken for a later one's. Every
/// operation answers false (or 0) instead of throwing.
/// </summary>
internal sealed class ChannelSocket : IDisposable
{
    private readonly Socket socket;
    private readonly byte[] header = new byte[ChannelFrame.HeaderSize];
    private readonly byte[] answer = new byte[ChannelFrame.HeaderSize];
    private int answerFill;
    private int acksOwed;

    private ChannelSocket(Socket socket) => this.socket = socket;

    /// <summary>The protocol version frames are written in: 1 until <see cref="Greet"/> agrees on another.</summary>
    internal byte Version { get; private set; } = ChannelFrame.Version1;

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

    /// <summary>
    /// Sends a hello of <paramref name="version"/> and, for a version above 1, waits at most
    /// <paramref name="timeout"/> for the supervisor's hello naming the version both speak, which
    /// <see cref="Version"/> then is. Answers false when the hello could not be sent or the supervisor
    /// closed the connection (a version 1 supervisor refuses a version it does not know that way); no
    /// answer in time keeps the connection at version 1, and a late answer is skipped.
    /// </summary>
    internal bool Greet(byte version, TimeSpan timeout)
    {
        if (!TrySendFrame(ChannelFrameKind.Hello, ReadOnlySpan<byte>.Empty, version))
        {
            return false;
        }

        if (version == ChannelFrame.Version1)
        {
            return true;
        }

        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            switch (ReadHeader(deadline, out var frame))
            {
                case Read.Frame when frame.Kind == ChannelFrameKind.Hello:
                    Version = Math.Min(frame.Version, version);
                    return true;
                case Read.Frame:
                    continue;
                case Read.TimedOut:
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>Sends one frame in <see cref="Version"/>; false when the socket would not take it within the send timeout.</summary>
    internal bool TrySend(ChannelFrameKind kind, ReadOnlySpan<byte> payload) => TrySendFrame(kind, payload, Version);

    /// <summary>Sends one report frame (<see cref="ChannelFrameKind.Report"/> or <see cref="ChannelFrameKind.ShortReport"/>), which the supervisor owes an ack.</summary>
    internal bool TrySendReport(ChannelFrameKind kind, ReadOnlySpan<byte> payload)
    {
        if (!TrySend(kind, payload))
        {
            return false;
        }

        acksOwed++;
        return true;
    }

    /// <summary>
    /// Waits at most <paramref name="timeout"/> until every report sent is acknowledged: true once the
    /// last one is. Hello frames (a late answer to <see cref="Greet"/>) are skipped.
    /// </summary>
    internal bool TryReceiveAck(TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (acksOwed > 0)
        {
            if (ReadHeader(deadline, out var frame) != Read.Frame)
            {
                return false;
            }

            if (frame.Kind == ChannelFrameKind.Ack)
            {
                acksOwed--;
            }
        }

        return true;
    }

    public void Dispose() => socket.Dispose();

    private bool TrySendFrame(ChannelFrameKind kind, ReadOnlySpan<byte> payload, byte version)
    {
        try
        {
            ChannelFrame.WriteHeader(header, kind, payload.Length, version);
            SendAll(header);
            SendAll(payload);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>Reads one header from the supervisor by <paramref name="deadline"/>; a header begun keeps its bytes for the next call.</summary>
    private Read ReadHeader(long deadline, out ChannelFrameHeader frame)
    {
        frame = default;
        try
        {
            while (answerFill < answer.Length)
            {
                var left = deadline - Environment.TickCount64;
                if (left <= 0 || !socket.Poll(TimeSpan.FromMilliseconds(left), SelectMode.SelectRead))
                {
                    return Read.TimedOut;
                }

                var n = socket.Receive(answer, answerFill, answer.Length - answerFill, SocketFlags.None);
                if (n == 0)
                {
                    return Read.Closed;
                }

                answerFill += n;
            }

            answerFill = 0;
            return ChannelFrame.TryReadHeader(answer, 0, out frame) == ChannelFrameError.None ? Read.Frame : Read.Closed;
        }
        catch (Exception)
        {
            return Read.Closed;
        }
    }

    private void SendAll(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var n = socket.Send(bytes, SocketFlags.None);
            bytes = bytes[n..];
        }
    }

    private enum Read
    {
        Frame,
        TimedOut,
        Closed,
    }
}
