using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using PanicPath.Supervisor.Channel;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Channel;

/// <summary>
/// The channel's socket made with the system's calls before the child starts (<see cref="ListeningSocket"/>):
/// it listens at once, a connection waits in its backlog until a <see cref="Socket"/> made from it later
/// accepts it, a child never inherits it, and a path that cannot be bound is refused naming the call.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ListeningSocketTests
{
    [Fact]
    public async Task A_connection_made_before_the_socket_is_wrapped_waits_in_the_backlog_and_is_accepted_after()
    {
        NeedLinux();
        using var temp = new TempDirectory();
        var path = temp.Sub("a.sock");
        using var handle = ListeningSocket.Listen(path, 4);
        using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await client.ConnectAsync(new UnixDomainSocketEndPoint(path));
        await client.SendAsync(new byte[] { 42 });

        using var listener = new Socket(handle);
        using var accepted = await listener.AcceptAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var buffer = new byte[1];
        Assert.Equal(1, await accepted.ReceiveAsync(buffer).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(42, buffer[0]);
    }

    [Fact]
    public void A_child_started_while_the_socket_listens_does_not_inherit_it()
    {
        NeedLinux();
        using var temp = new TempDirectory();
        using var handle = ListeningSocket.Listen(temp.Sub("b.sock"), 4);
        var socket = new FileInfo($"/proc/self/fd/{handle.DangerousGetHandle().ToString(CultureInfo.InvariantCulture)}").LinkTarget;
        Assert.StartsWith("socket:", socket);

        using var child = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            var inherited = Directory.EnumerateFiles($"/proc/{child.Id.ToString(CultureInfo.InvariantCulture)}/fd").Select(fd => new FileInfo(fd).LinkTarget);
            Assert.DoesNotContain(socket, inherited);
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }

    [Fact]
    public void A_path_that_is_taken_is_refused_naming_bind()
    {
        NeedLinux();
        using var temp = new TempDirectory();
        var path = temp.Sub("taken");
        File.WriteAllText(path, "not a socket");

        var refused = Assert.Throws<IOException>(() => ListeningSocket.Listen(path, 4));
        Assert.StartsWith("bind: ", refused.Message, StringComparison.Ordinal);
        Assert.Equal("not a socket", File.ReadAllText(path));
    }

    private static void NeedLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Requirement.Unmet("Linux: the channel's Unix domain socket");
        }
    }
}
