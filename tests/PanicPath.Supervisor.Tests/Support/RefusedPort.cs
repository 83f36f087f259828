using System.Net;
using System.Net.Sockets;

namespace PanicPath.Supervisor.Tests.Support;

/// <summary>A loopback port nothing listens on (bound and released at once), so connecting to it is refused.</summary>
internal static class RefusedPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A connection string to a refusing port, with <paramref name="password"/>.</summary>
    public static string ConnectionString(string password) =>
        $"Host=127.0.0.1;Port={Next()};Database=panicpath;Username=panicpath;Password={password};Timeout=30";
}
