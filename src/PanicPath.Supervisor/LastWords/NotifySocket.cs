using System.Net.Sockets;
using System.Text;

namespace PanicPath.Supervisor.LastWords;

/// <summary>
/// systemd's notification socket (<c>NOTIFY_SOCKET</c>): a Unix datagram socket named by a file path
/// (<c>/run/systemd/notify</c>) or, with a leading <c>@</c>, by an abstract name. Each
/// <see cref="Send"/> is one datagram of <c>KEY=value</c> lines, sent without blocking; a socket that
/// is missing, full or refuses makes <see cref="Send"/> throw <see cref="SocketException"/>.
/// </summary>
public sealed class NotifySocket
{
    private readonly UnixDomainSocketEndPoint endpoint;

    /// <summary>Takes the address as <c>NOTIFY_SOCKET</c> gives it.</summary>
    /// <exception cref="ArgumentException">The address is neither an absolute path nor <c>@name</c>.</exception>
    public NotifySocket(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Address = address;
        endpoint = address switch
        {
            ['@', _, ..] => new UnixDomainSocketEndPoint("\0" + address[1..]),
            ['/', ..] => new UnixDomainSocketEndPoint(address),
            _ => throw new ArgumentException($"'{address}' is neither an absolute socket path nor an abstract @name.", nameof(address)),
        };
    }

    /// <summary>The address as given.</summary>
    public string Address { get; }

    /// <summary>Sends <paramref name="message"/> (newline-separated <c>KEY=value</c> lines) as one datagram.</summary>
    public void Send(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { Blocking = false };
        socket.SendTo(Encoding.UTF8.GetBytes(message), endpoint);
    }
}
