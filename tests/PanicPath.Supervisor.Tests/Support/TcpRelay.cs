using System.Net;
using System.Net.Sockets;

namespace PanicPath.Supervisor.Tests.Support;

/// <summary>
/// A TCP relay from a loopback port to a server, so a test can make the server unreachable and
/// reachable again without touching it: while up, each connection is relayed both ways; <see cref="Down"/>
/// stops listening and cuts every relayed connection (connecting is refused); <see cref="Up"/> listens on
/// the same port again.
/// </summary>
internal sealed class TcpRelay : IDisposable
{
    private readonly string targetHost;
    private readonly int targetPort;
    private readonly Lock gate = new();
    private readonly List<Socket> open = [];
    private TcpListener? listener;

    private TcpRelay(string targetHost, int targetPort)
    {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    public int Port { get; private set; }

    public static TcpRelay To(string host, int port)
    {
        var relay = new TcpRelay(host, port);
        relay.Up();
        return relay;
    }

    public void Up()
    {
        lock (gate)
        {
            var next = new TcpListener(IPAddress.Loopback, Port);
            next.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            next.Start();
            Port = ((IPEndPoint)next.LocalEndpoint).Port;
            listener = next;
            _ = AcceptAsync(next);
        }
    }

    public void Down()
    {
        lock (gate)
        {
            listener?.Stop();
            listener = null;
            foreach (var socket in open)
            {
                socket.Dispose();
            }

            open.Clear();
        }
    }

    public void Dispose() => Down();

    private async Task AcceptAsync(TcpListener from)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await from.AcceptSocketAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await server.ConnectAsync(targetHost, targetPort);
            }
            catch (SocketException)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }

            lock (gate)
            {
                open.Add(client);
                open.Add(server);
            }

            _ = PumpAsync(client, server);
            _ = PumpAsync(server, client);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16384];
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (n == 0)
                {
                    break;
                }

                await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Cut.
        }

        try
        {
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }
    }
}
