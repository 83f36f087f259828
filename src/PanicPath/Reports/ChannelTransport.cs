namespace PanicPath.Reports;

/// <summary>
/// Delivers the report to the supervisor over its report channel (<c>PANICPATH_CHANNEL</c>). At install
/// the connection is made and greeted with a hello of the highest protocol version this library speaks
/// (<see cref="ChannelFrame.HighestVersion"/>); a supervisor that closes the connection on it (one of an
/// older version) is connected to again and greeted in the next lower version, down to version 1. From
/// version 3 on the supervisor reads crash reports of version 2 (<see cref="ReportVersion"/>). From
/// version 2 on, <see cref="TrySendShort"/> sends the
/// short report at panic entry and waits for its ack at most <see cref="ShortAckTimeout"/>; in both, the
/// long report is sent at the end of the path and its acknowledgement awaited at most
/// <see cref="AckTimeout"/>. No acknowledgement, a refused or broken connection: the answer is false and
/// the next transport (the spool) is used for the long report (the short one has no other way).
/// </summary>
internal sealed class ChannelTransport : IReportTransport, IDisposable
{
    internal const string EnvironmentVariable = "PANICPATH_CHANNEL";

    /// <summary>The longest the path waits for the short report's ack.</summary>
    internal static readonly TimeSpan MaxShortAckWait = TimeSpan.FromMilliseconds(200);

    private readonly ChannelSocket socket;

    private ChannelTransport(string address, ChannelSocket socket, TimeSpan ackTimeout)
    {
        Address = address;
        this.socket = socket;
        AckTimeout = ackTimeout;
        ShortAckTimeout = ackTimeout < MaxShortAckWait ? ackTimeout : MaxShortAckWait;
    }

    internal string Address { get; }

    internal TimeSpan AckTimeout { get; }

    internal TimeSpan ShortAckTimeout { get; }

    /// <summary>The protocol version agreed with the supervisor at install.</summary>
    internal byte Version => socket.Version;

    /// <summary>
    /// The crash report version the supervisor reads: <see cref="CrashReport.CurrentVersion"/> from
    /// protocol version 3 on, else <see cref="CrashReport.Version1"/> (an older supervisor refuses any other).
    /// </summary>
    internal int ReportVersion => Version >= ChannelFrame.Version3 ? CrashReport.CurrentVersion : CrashReport.Version1;

    /// <summary>
    /// Connects to the channel at <paramref name="address"/> and agrees on a version (waiting at most
    /// <paramref name="ackTimeout"/> for the supervisor's hello); null when there is none or it cannot be reached.
    /// </summary>
    internal static ChannelTransport? TryConnect(string? address, TimeSpan ackTimeout)
    {
        if (IsNone(address))
        {
            return null;
        }

        // A hello now runs the send path once before any panic needs it, finds a channel that refuses us,
        // and agrees on the version; an older supervisor closes on a version it does not know, so each
        // lower version is tried in turn (a version 2 supervisor refuses one hello, a version 1 one two).
        for (var version = ChannelFrame.HighestVersion; version >= ChannelFrame.MinVersion; version--)
        {
            if (ChannelSocket.TryConnect(address!, ackTimeout) is not { } socket)
            {
                return null;
            }

            if (socket.Greet(version, ackTimeout))
            {
                return new ChannelTransport(address!, socket, ackTimeout);
            }

            socket.Dispose();
        }

        return null;
    }

    /// <summary>True when <paramref name="address"/> names no channel (null, empty or <c>none</c>).</summary>
    internal static bool IsNone(string? address) => string.IsNullOrWhiteSpace(address) || address.Trim() == "none";

    public string? Failure { get; private set; }

    /// <summary>
    /// Version 2: sends the short report and waits for its ack at most <see cref="ShortAckTimeout"/>;
    /// false at version 1, or when it could not be sent or was not acknowledged in time.
    /// </summary>
    internal bool TrySendShort(ReadOnlySpan<byte> report) =>
        Version >= ChannelFrame.Version2
        && socket.TrySendReport(ChannelFrameKind.ShortReport, report)
        && socket.TryReceiveAck(ShortAckTimeout);

    public bool TryDeliver(ReadOnlySpan<byte> report)
    {
        if (!socket.TrySendReport(ChannelFrameKind.Report, report))
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
