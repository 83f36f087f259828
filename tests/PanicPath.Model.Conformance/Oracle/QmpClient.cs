using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace PanicPath.Model.Conformance.Oracle;

/// <summary>
/// A QMP session with one QEMU started with <c>-S</c> (paused) and <c>-qmp unix:PATH,server=on,wait=off</c>:
/// negotiates capabilities, resumes the guest (<c>cont</c>) and collects every event name QEMU sends
/// (<c>GUEST_PANICKED</c>, <c>RESET</c>, <c>SHUTDOWN</c>, ...) until disposed or QEMU closes the socket.
/// </summary>
public sealed class QmpClient : IDisposable
{
    private readonly Socket socket;
    private readonly StreamReader reader;
    private readonly Stream stream;
    private readonly ConcurrentQueue<string> events = new();
    private readonly Task pump;

    private QmpClient(Socket socket)
    {
        this.socket = socket;
        stream = new NetworkStream(socket, ownsSocket: false);
        reader = new StreamReader(stream, Encoding.UTF8);
        ReadReply(); // the greeting
        Execute("qmp_capabilities");
        Execute("cont");
        pump = Task.Run(Pump);
    }

    /// <summary>The event names received so far, in order.</summary>
    public IReadOnlyList<string> Events => [.. events];

    /// <summary>Connects to <paramref name="path"/>, waiting up to <paramref name="timeout"/> for QEMU to create it.</summary>
    public static QmpClient Connect(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                socket.Connect(new UnixDomainSocketEndPoint(path));
                socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
                var client = new QmpClient(socket);
                socket.ReceiveTimeout = 0;
                return client;
            }
            catch (Exception e) when (e is SocketException or IOException && DateTime.UtcNow < deadline)
            {
                socket.Dispose();
                Thread.Sleep(100);
            }
        }
    }

    private void Execute(string command)
    {
        var bytes = Encoding.UTF8.GetBytes($"{{\"execute\":\"{command}\"}}\n");
        stream.Write(bytes);
        stream.Flush();
        ReadReply();
    }

    /// <summary>Reads until a reply ("return", "error" or the greeting "QMP"), keeping events met on the way.</summary>
    private void ReadReply()
    {
        while (reader.ReadLine() is { } line)
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.TryGetProperty("event", out var name))
            {
                events.Enqueue(name.GetString() ?? string.Empty);
                continue;
            }

            if (doc.RootElement.TryGetProperty("error", out var error))
            {
                throw new IOException("QMP refused a command: " + error.GetRawText());
            }

            return;
        }

        throw new IOException("QEMU closed the QMP socket");
    }

    private void Pump()
    {
        try
        {
            while (reader.ReadLine() is { } line)
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.TryGetProperty("event", out var name))
                {
                    events.Enqueue(name.GetString() ?? string.Empty);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or JsonException or SocketException)
        {
            // QEMU went away: the events so far are all there is.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        socket.Dispose();
        pump.Wait(TimeSpan.FromSeconds(5));
        reader.Dispose();
        stream.Dispose();
    }
}
