namespace PanicPath.Reports;

/// <summary>
/// Delivers the report to the supervisor over its report channel (<c>PANICPATH_CHANNEL</c>): the
/// connection is made (and greeted with a hello frame) at install; at panic time the report frame is sent and the supervisor's
/// acknowledgement awaited at most <see cref="AckTimeout"/>. No acknowledgement, a refused or broken
/// connection: the answer is false and the next transport (the spool) is used.
/// </summary>
internal sealed class ChannelTransport : IReportTransport, IDisposable
{
    internal const string EnvironmentVariable = "PANICPATH_CHANNEL";

    private readonly ChannelSocket socket;

    private ChannelTransport(string address, ChannelSocket socket, TimeSpan ackTimeout)
    {
        Address = address;
        this.socket = socket;
        AckTimeout = ackTimeout;
    }

    internal string Address { get; }

    internal TimeSpan AckTimeout { get; }

    /// <summary>Connects to the channel at <paramref name="address"/>; null when there is none or it cannot be reached.</summary>
    internal static ChannelTransport? TryConnect(string? address, TimeSpan ackTimeout)
    {
        if (IsNone(address))
        {
            return null;
        }

        if (ChannelSocket.TryConnect(address!, ackTimeout) is not { } socket)
        {
            return null;
        }

        // A hello now runs the send path once before any panic needs it, and finds a channel that refuses us.
        if (!socket.TrySend(ChannelFrameKind.Hello, ReadOnlySpan<byte>.Empty))
        {
            socket.Dispose();
            return null;
        }

        return new ChannelTransport(address!, socket, ackTimeout);
    }

    /// <summary>True when <paramref name="address"/> names no channel (null, empty or <c>none</c>).</summary>
    internal static bool IsNone(string? address) => string.IsNullOrWhiteSpace(address) || address.Trim() == "none";

    public string? Failure { get; private set; }

    public bool TryDeliver(byte[] report)
    {
        if (!socket.TrySend(ChannelFrameKind.Report, report))
        {
            Failure = $"channel delivery failed ({Address}: the report could not be sent)";
            return false;
        }

        if (!socket.TryReceiveAck(AckTimeout))
        {
            Failure = $"channel delivery failed ({Address}: no acknowledgement within {AckTimeout.TotalMilliseconds:0} ms)";
            return false;
        }

        return true;
    }

    /// <summary>Closes the connection.</summary>
    public void Dispose() => socket.Dispose();
}
