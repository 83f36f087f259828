using System.Net.Sockets;
using System.Text;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.LastWords;

public sealed class SystemdNotifyTests
{
    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task panicpath_run_under_a_NOTIFY_SOCKET_path_sends_READY_then_the_death_STATUS_and_exit_code_as_ERRNO()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // systemd.
        }

        using var temp = new TempDirectory();
        var path = temp.Sub("notify.sock");
        using var socket = Bind(new UnixDomainSocketEndPoint(path));

        var run = CliProcess.RunCrasher(new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = path }, temp, "exit3");
        var ready = await Receive(socket);
        var died = await Receive(socket);
        var (exit, _, err) = await run;

        Assert.Equal(3, exit);
        Assert.StartsWith("READY=1\nSTATUS=running ", ready, StringComparison.Ordinal);
        Assert.Contains("Crashers.dll exit3 (pid ", ready, StringComparison.Ordinal);
        var id = (await TerminationMessageTests.StoredIds(temp)).Single();
        Assert.Equal($"STATUS=died: exit-code, exit code 3: exit code 3 (record {id})\nERRNO=3", died);
        Assert.DoesNotContain("systemd notify", err, StringComparison.Ordinal);
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task panicpath_run_under_an_abstract_NOTIFY_SOCKET_sends_READY_then_the_signal_number_as_ERRNO()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // Abstract socket names are Linux's.
        }

        using var temp = new TempDirectory();
        var name = "panicpath-tests-" + Guid.NewGuid().ToString("N");
        using var socket = Bind(new UnixDomainSocketEndPoint("\0" + name));

        var run = CliProcess.RunCrasher(new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = "@" + name }, temp, "sigkill");
        var ready = await Receive(socket);
        var died = await Receive(socket);
        var (exit, _, _) = await run;

        Assert.Equal(137, exit);
        Assert.StartsWith("READY=1\nSTATUS=running ", ready, StringComparison.Ordinal);
        Assert.StartsWith("STATUS=died: signal, exit code 137 (SIGKILL): killed by SIGKILL (record ", died, StringComparison.Ordinal);
        Assert.EndsWith(")\nERRNO=9", died, StringComparison.Ordinal);
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task A_NOTIFY_SOCKET_nobody_listens_on_is_noted_and_the_death_is_still_recorded_and_mirrored()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // systemd.
        }

        using var temp = new TempDirectory();

        var (exit, _, err) = await CliProcess.RunCrasher(new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = temp.Sub("nobody.sock") }, temp, "exit3");

        Assert.Equal(3, exit);
        Assert.Contains($"panicpath: systemd notify {temp.Sub("nobody.sock")}: SocketException", err, StringComparison.Ordinal);
        Assert.Single(await TerminationMessageTests.StoredIds(temp));
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task A_NOTIFY_SOCKET_that_is_not_a_unix_socket_address_is_noted_and_the_run_goes_on()
    {
        using var temp = new TempDirectory();

        var (exit, _, err) = await CliProcess.RunCrasher(new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = "vsock:2:1234" }, temp, "exit3");

        Assert.Equal(3, exit);
        Assert.Contains("panicpath: NOTIFY_SOCKET: 'vsock:2:1234' is neither an absolute socket path nor an abstract @name; systemd is not notified.", err, StringComparison.Ordinal);
        Assert.Single(await TerminationMessageTests.StoredIds(temp));
    }

    private static Socket Bind(UnixDomainSocketEndPoint endpoint)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(endpoint);
        return socket;
    }

    private static async Task<string> Receive(Socket socket)
    {
        var buffer = new byte[64 * 1024];
        var length = await socket.ReceiveAsync(buffer.AsMemory()).AsTask().WaitAsync(TimeSpan.FromMinutes(2));
        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
