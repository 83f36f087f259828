using System.Collections.Concurrent;
using System.Net.Sockets;
using PanicPath.Reports;

namespace PanicPath.Tests.Channel;

/// <summary>
/// A real Unix socket server speaking the channel's frames, standing in for the supervisor: it records
/// every report and heartbeat, and acknowledges reports unless told not to.
/// </summary>
internal sealed class FakeSupervisor : IDisposable
{
    private readonly Socket listener;
    private readonly bool acknowledge;
    private readonly string directory;
    private readonly List<Socket> clients = [];
    private readonly Task accepting;
    private int hellos;

    internal FakeSupervisor(bool acknowledge = true)
    {
        this.acknowledge = acknowledge;
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

    internal SemaphoreSlim ReportArrived { get; } = new(0);

    internal SemaphoreSlim HeartbeatArrived { get; } = new(0);

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
                Assert.Null(ChannelFrame.TryReadHeader(header, ChannelFrame.DefaultMaxPayload, out var kind, out var length));
                if (kind == ChannelFrameKind.Heartbeat)
                {
                    HeartbeatArrived.Release();
                    continue;
                }

                if (kind == ChannelFrameKind.Hello)
                {
                    Interlocked.Increment(ref hellos);
                    continue;
                }

                var payload = new byte[length];
                await ReadAsync(client, payload);
                Reports.Enqueue(CrashReport.Parse(payload));
                ReportArrived.Release();
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
