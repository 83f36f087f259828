using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.Sockets;
using PanicPath.Reports;

namespace PanicPath.Supervisor.Channel;

/// <summary>
/// The report channel as a Unix domain socket (socket file mode 0600 in a private directory of mode 0700,
/// chosen by <see cref="SocketPath"/>).
/// Each connection is admitted only when the kernel's peer credentials name the supervisor's own uid
/// and a pid in the current life's process tree; then frames are read one after another: heartbeats
/// are counted; per life one short report (protocol version 2, at panic entry) and one long report are
/// parsed (<see cref="CrashReport.Parse"/>), written to the
/// life's inbox with <see cref="SpoolFile"/> (when that fails, into the life's reserved slot with
/// <see cref="SlotFile"/>) and only then acknowledged. A malformed, oversized,
/// truncated, unknown or unexpected frame is rejected (<see cref="RejectionLog"/>) and its connection
/// closed; the listener goes on. Connections are accepted from the opening, or with
/// <see cref="ReportChannelOptions.AcceptFromFirstLife"/> from the first <see cref="Admit"/> on (the socket
/// listens from the opening either way).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class UnixReportChannel : IReportChannel
{
    private readonly SafeSocketHandle listening;
    private Socket? listener;
    private readonly ReportChannelOptions options;
    private readonly RejectionLog rejections;
    private readonly CancellationTokenSource closing = new();
    private Task? acceptLoop;
    private readonly Lock gate = new();
    private readonly byte[] ack = ChannelFrame.Encode(ChannelFrameKind.Ack, []);
    private TaskCompletionSource<ChannelLife> current = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int open;

    private readonly SocketPath socketPath;

    private UnixReportChannel(SafeSocketHandle listening, SocketPath socketPath, ReportChannelOptions options)
    {
        this.listening = listening;
        this.options = options;
        this.socketPath = socketPath;
        Address = socketPath.Path;
        rejections = new RejectionLog(options.Error);
        if (!options.AcceptFromFirstLife)
        {
            listener = new Socket(listening);
            acceptLoop = Task.Run(AcceptLoopAsync);
        }
    }

    public string Address { get; }

    public long Rejected => rejections.Total;

    internal static UnixReportChannel Open(ReportChannelOptions options)
    {
        var chosen = SocketPath.Choose(options.Directory, $"{Guid.NewGuid().ToString("N")[..12]}.sock", options.RuntimeDirectory);
        var path = chosen.Path;
        // Listening before the child starts, without a Socket yet (see ListeningSocket): the Socket, and
        // the runtime's socket event thread with it, is made when the channel starts accepting.
        SafeSocketHandle? socket = null;
        try
        {
            socket = ListeningSocket.Listen(path, 128);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            socket?.Dispose();
            chosen.Remove();
            throw new IOException($"cannot listen on channel socket {path}: {e.Message}", e);
        }

        return new UnixReportChannel(socket, chosen, options);
    }

    public ChannelLife Admit(int rootPid, string inbox, string? slot = null)
    {
        var life = new ChannelLife(rootPid, inbox, slot);
        lock (gate)
        {
            // The first life starts the accept loop when the opening did not (AcceptFromFirstLife); a
            // connection waiting in the backlog is served now and finds this life.
            if (acceptLoop is null && !closing.IsCancellationRequested)
            {
                listener = new Socket(listening);
                acceptLoop = Task.Run(AcceptLoopAsync);
            }
            if (!current.TrySetResult(life))
            {
                current = new TaskCompletionSource<ChannelLife>(TaskCreationOptions.RunContinuationsAsynchronously);
                current.SetResult(life);
            }
        }

        return life;
    }

    public void End(ChannelLife life)
    {
        lock (gate)
        {
            if (current.Task.IsCompletedSuccessfully && ReferenceEquals(current.Task.Result, life))
            {
                current = new TaskCompletionSource<ChannelLife>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Cancelled on this thread, not through CancelAsync: the accept loop ends here, and the closing
        // goes on on this thread instead of moving to another thread of the pool.
        closing.Cancel();
        Socket? accepting;
        lock (gate)
        {
            accepting = listener;
        }

        accepting?.Dispose();
        listening.Dispose();
        Task? loop;
        lock (gate)
        {
            loop = acceptLoop ??= Task.CompletedTask;
        }

        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Closed.
        }

        rejections.Flush();
        socketPath.Remove();

        closing.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!closing.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener!.AcceptAsync(closing.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            if (Interlocked.Increment(ref open) > options.MaxConnections)
            {
                Interlocked.Decrement(ref open);
                rejections.Reject("too many connections", $"more than {options.MaxConnections} open at once");
                client.Dispose();
                continue;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        try
        {
            var life = await AdmitAsync(client).ConfigureAwait(false);
            if (life is not null)
            {
                await ReadFramesAsync(client, life).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer went away, or the channel is closing.
        }
        finally
        {
            client.Dispose();
            Interlocked.Decrement(ref open);
        }
    }

    private async Task<ChannelLife?> AdmitAsync(Socket client)
    {
        PeerCredentials peer;
        try
        {
            peer = PeerCredentials.Of(client);
        }
        catch (SocketException e)
        {
            rejections.Reject("no peer credentials", e.Message);
            return null;
        }

        var me = PeerCredentials.EffectiveUid;
        if (peer.Uid != me)
        {
            rejections.Reject("other user", $"pid {peer.Pid} runs as uid {peer.Uid}, the supervisor as uid {me}");
            return null;
        }

        Task<ChannelLife> waiting;
        lock (gate)
        {
            waiting = current.Task;
        }

        ChannelLife life;
        try
        {
            life = await waiting.WaitAsync(options.AdmissionWait, closing.Token).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            rejections.Reject("no supervised process", $"pid {peer.Pid} connected while no child was running");
            return null;
        }

        if (!ProcessTree.IsWithin(peer.Pid, life.RootPid) && !IsOrphanOfApp(peer.Pid))
        {
            rejections.Reject("outside the supervised tree", $"pid {peer.Pid} does not descend from the child (pid {life.RootPid}){(options.AdmitOrphans ? " nor from the supervisor" : string.Empty)}");
            return null;
        }

        return life;
    }

    private bool IsOrphanOfApp(int pid) => options.AdmitOrphans && pid != Environment.ProcessId && ProcessTree.IsWithin(pid, Environment.ProcessId);

    private async Task ReadFramesAsync(Socket client, ChannelLife life)
    {
        var pid = PeerCredentials.Of(client).Pid;
        var header = new byte[ChannelFrame.HeaderSize];
        while (true)
        {
            // The first byte of a frame may take any time (heartbeats are sparse); the rest must follow promptly.
            var first = await client.ReceiveAsync(header.AsMemory(0, 1), SocketFlags.None, closing.Token).ConfigureAwait(false);
            if (first == 0)
            {
                return;
            }

            using var frameTime = CancellationTokenSource.CreateLinkedTokenSource(closing.Token);
            frameTime.CancelAfter(options.FrameTimeout);
            var got = await ReceiveFullyAsync(client, header.AsMemory(1), frameTime.Token).ConfigureAwait(false);
            if (got < header.Length - 1)
            {
                Reject(pid, "truncated frame", $"header ended after {got + 1} of {ChannelFrame.HeaderSize} bytes");
                return;
            }

            if (ChannelFrame.TryReadHeader(header, options.MaxMessageBytes, out ChannelFrameHeader frame) is var error and not ChannelFrameError.None)
            {
                Reject(pid, ChannelFrame.Category(error), ChannelFrame.Describe(error, header, options.MaxMessageBytes)!);
                return;
            }

            switch (frame.Kind)
            {
                case ChannelFrameKind.Hello:
                    // A version 1 hello stays unanswered (a version 1 library reads nothing but acks); a later
                    // version's is answered with the version both speak.
                    if (frame.Version >= ChannelFrame.Version2)
                    {
                        var spoken = Math.Min(frame.Version, ChannelFrame.HighestVersion);
                        await client.SendAsync(ChannelFrame.Encode(ChannelFrameKind.Hello, [], (byte)spoken), SocketFlags.None, closing.Token).ConfigureAwait(false);
                    }

                    continue;
                case ChannelFrameKind.Heartbeat:
                    life.Beat();
                    continue;
                case ChannelFrameKind.Report or ChannelFrameKind.ShortReport:
                    var payload = new byte[frame.PayloadLength];
                    var read = await ReceiveFullyAsync(client, payload, frameTime.Token).ConfigureAwait(false);
                    if (read < frame.PayloadLength)
                    {
                        Reject(pid, "truncated frame", $"report payload ended after {read} of {frame.PayloadLength} bytes");
                        return;
                    }

                    var stored = frame.Kind == ChannelFrameKind.ShortReport
                        ? await StoreShortAsync(client, life, pid, payload).ConfigureAwait(false)
                        : await StoreAsync(client, life, pid, payload).ConfigureAwait(false);
                    if (!stored)
                    {
                        return;
                    }

                    continue;
                default:
                    Reject(pid, "unexpected kind", $"{frame.Kind} is sent by the supervisor, not to it");
                    return;
            }
        }
    }

    /// <summary>
    /// Stores the short report of a life (version 2, at panic entry) in its inbox as a short spool file and
    /// acknowledges it; a second one, or one after the long report, is rejected and counted. A short report
    /// that cannot be written (a full disk) is kept in memory only — the slot is kept for the long one —
    /// and still acknowledged: the library does nothing else with a short report either way.
    /// </summary>
    private async Task<bool> StoreShortAsync(Socket client, ChannelLife life, int pid, byte[] payload)
    {
        if (!TryParse(pid, payload, out var report))
        {
            return false;
        }

        if (!life.TryClaimShort())
        {
            life.Duplicate();
            Reject(pid, life.ReportPath is null ? "second short report" : "short report after the long one", $"a short report for the child (pid {life.RootPid}) is not taken now");
            return false;
        }

        string? path = null;
        try
        {
            path = SpoolFile.Write(life.Inbox, payload, pid, shortReport: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The slot is kept for the long report; the short one still makes the pending record.
            rejections.Note($"short report from pid {pid.ToString(CultureInfo.InvariantCulture)} not written ({life.Inbox}: {e.Message}); it is kept in memory only");
        }

        life.StoredShort(path, pid, report);
        await client.SendAsync(ack, SocketFlags.None, closing.Token).ConfigureAwait(false);
        return true;
    }

    /// <summary>Parses a report frame's payload; one that does not parse is rejected, naming why.</summary>
    private bool TryParse(int pid, byte[] payload, [NotNullWhen(true)] out CrashReport? report)
    {
        try
        {
            report = CrashReport.Parse(payload);
            return true;
        }
        catch (FormatException e)
        {
            Reject(pid, "invalid report", e.Message);
            report = null;
            return false;
        }
    }

    private async Task<bool> StoreAsync(Socket client, ChannelLife life, int pid, byte[] payload)
    {
        if (!TryParse(pid, payload, out var report))
        {
            return false;
        }

        if (!life.TryClaimReport())
        {
            life.Duplicate();
            Reject(pid, "second report", $"a report for the child (pid {life.RootPid}) was already accepted");
            return false;
        }

        string path;
        string? inboxProblem = null;
        try
        {
            path = SpoolFile.Write(life.Inbox, payload, pid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            inboxProblem = $"{life.Inbox}: {e.Message}";
            if (KeepInSlot(life, payload) is { } slotProblem)
            {
                life.ReleaseClaim();
                Reject(pid, "not stored", $"inbox write failed ({inboxProblem}); {slotProblem}");
                return false;
            }

            path = life.Slot!;
        }

        life.Stored(path, pid, report, inboxProblem);
        await client.SendAsync(ack, SocketFlags.None, closing.Token).ConfigureAwait(false);
        return true;
    }

    /// <summary>Keeps the report in the life's slot; null when kept, else why not.</summary>
    private static string? KeepInSlot(ChannelLife life, byte[] payload)
    {
        if (life.Slot is not { } slot)
        {
            return "no slot to keep it in";
        }

        try
        {
            PanicPath.Supervisor.Runs.ReservedSlot.Write(slot, SlotRecord.InboxReport, SlotFile.FitReport(payload));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return $"slot write failed ({slot}: {e.Message})";
        }
    }

    private void Reject(int pid, string reason, string detail) =>
        rejections.Reject(reason, string.Create(CultureInfo.InvariantCulture, $"from pid {pid}: {detail}"));

    private static async Task<int> ReceiveFullyAsync(Socket client, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await client.ReceiveAsync(buffer[total..], SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
