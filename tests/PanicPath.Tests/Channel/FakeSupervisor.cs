using System.Collections.Concurrent;
using System.Net.Sockets;
using PanicPath.Reports;

namespace PanicPath.Tests.Channel;

/// <summary>
/// A real Unix socket server speaking the channel's frames, standing in for the supervisor: it records
/// every report (short and long) and heartbeat, and acknowledges reports unless told not to. As a
/// version 1 supervisor it closes a connection on a frame of any other version, as a version 1
/// supervisor does; as version 2 it answers a version 2 hello and takes short reports. Below version 3
/// it reads reports as the supervisors of those versions did: a report whose version is not 1 is
/// refused (the connection closed, nothing acknowledged).
/// </summary>
internal sealed class FakeSupervisor : IDisposable
{
    private readonly Socket listener;
    private readonly bool acknowledge;
    private readonly byte version;
    private readonly string directory;
    private readonly List<Socket> clients = [];
    private readonly Task accepting;
    private int hellos;
    private int refused;
    private int refusedReports;

    internal FakeSupervisor(bool acknowledge = true, byte version = ChannelFrame.Version1)
    {
        this.acknowledge = acknowledge;
        this.version = version;
        directory = Path.Combine(Path.GetTempPath(), "pp-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(directory);
        Address = Path.Combine(directory, "c.sock");
        listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(Address));
        listener.Listen(16);
        accepting = Task.Run(AcceptAsync);
    }

    internal string Address { get; }

    internal ConcurrentQueue<CrashReport> Reports { get; } = new();

    internal int Hellos => Volatile.Read(ref hellos);

    /// <summary>Connections closed on a frame of a version this supervisor does not speak.</summary>
    internal int Refused => Volatile.Read(ref refused);

    /// <summary>Reports (short or long) refused for their version, as a supervisor before protocol version 3 refuses them.</summary>
    internal int RefusedReports => Volatile.Read(ref refusedReports);

    /// <summary>The long reports' payloads as they came, in order.</summary>
    internal ConcurrentQueue<byte[]> ReportBytes { get; } = new();

    /// <summary>Short reports received (version 2), in order.</summary>
    internal ConcurrentQueue<CrashReport> ShortReports { get; } = new();

    /// <summary>The short reports' payloads as they came, in order.</summary>
    internal ConcurrentQueue<byte[]> ShortReportBytes { get; } = new();

    /// <summary>Every report frame's kind, in the order they arrived.</summary>
    internal ConcurrentQueue<ChannelFrameKind> Order { get; } = new();

    internal SemaphoreSlim ReportArrived { get; } = new(0);

    internal SemaphoreSlim HeartbeatArrived { get; } = new(0);

    /// <summary>The version byte of every heartbeat, in order.</summary>
    internal ConcurrentQueue<byte> HeartbeatVersions { get; } = new();

    /// <summary>Closes every connection and stops listening.</summary>
    public void Dispose()
    {
        listener.Dispose();
        lock (clients)
        {
            clients.ForEach(c => c.Dispose());
        }

        try
        {
            accepting.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // Closed while accepting.
        }

        Directory.Delete(directory, recursive: true);
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (clients)
            {
                clients.Add(client);
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        var header = new byte[ChannelFrame.HeaderSize];
        try
        {
            while (await ReadAsync(client, header) == header.Length)
            {
                if (header[2] > version)
                {
                    Interlocked.Increment(ref refused);
                    client.Dispose();
                    return;
                }

                Assert.Equal(ChannelFrameError.None, ChannelFrame.TryReadHeader(header, ChannelFrame.DefaultMaxPayload, out ChannelFrameHeader frame));
                var (kind, length) = (frame.Kind, frame.PayloadLength);
                if (kind == ChannelFrameKind.Heartbeat)
                {
                    HeartbeatVersions.Enqueue(frame.Version);
                    HeartbeatArrived.Release();
                    continue;
                }

                if (kind == ChannelFrameKind.Hello)
                {
                    Interlocked.Increment(ref hellos);
                    if (frame.Version >= ChannelFrame.Version2)
                    {
                        await client.SendAsync(ChannelFrame.Encode(ChannelFrameKind.Hello, [], Math.Min(frame.Version, version)), SocketFlags.None);
                    }

                    continue;
                }

                var payload = new byte[length];
                await ReadAsync(client, payload);
                if (version < ChannelFrame.Version3 && CrashReport.Parse(payload).Version != CrashReport.Version1)
                {
                    Interlocked.Increment(ref refusedReports);
                    ReportArrived.Release();
                    client.Dispose();
                    return;
                }

                Order.Enqueue(kind);
                if (kind == ChannelFrameKind.ShortReport)
                {
                    ShortReportBytes.Enqueue(payload);
                    ShortReports.Enqueue(CrashReport.Parse(payload));
                }
                else
                {
                    ReportBytes.Enqueue(payload);
                    Reports.Enqueue(CrashReport.Parse(payload));
                    ReportArrived.Release();
                }

                if (acknowledge)
                {
                    await client.SendAsync(ChannelFrame.Encode(ChannelFrameKind.Ack, []), SocketFlags.None);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Closed by the test.
        }
    }

    private static async Task<int> ReadAsync(Socket client, byte[] buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await client.ReceiveAsync(buffer.AsMemory(total), SocketFlags.None);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
