using System.Diagnostics;
using PanicPath.Supervisor.Channel;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Channel;

/// <summary>
/// A client running as another user (<c>nobody</c>, through <c>setpriv</c>, a perl one-liner) against the
/// channel. Needs root to switch users: skipped with the reason outside CI, failed in CI.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class OtherUserTests
{
    private const int Nobody = 65534;

    private const string Client = """
        use IO::Socket::UNIX;
        my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM(), Peer => $ARGV[0]);
        if (!$s) { print "refused: $!\n"; exit 3; }
        syswrite($s, pack("H*", $ARGV[1]));
        shutdown($s, 1);
        my $buf = "";
        my $n = sysread($s, $buf, 8);
        print((defined $n && $n == 8) ? "acked\n" : "closed\n");
        exit 0;
        """;

    [Fact]
    public async Task A_process_of_another_user_cannot_connect_to_the_channel_socket()
    {
        RequireOtherUser();

        using var temp = new TempDirectory();
        using var log = new StringWriter();
        await using var channel = ReportChannel.Open(new ReportChannelOptions(temp.Sub("channel"), 1 << 20, log));
        channel.Admit(Environment.ProcessId, temp.Path);

        var (exit, said) = await RunAsNobody(channel.Address);

        Assert.Equal(3, exit);
        Assert.StartsWith("refused: Permission denied", said);
        Assert.Equal(0, channel.Rejected);
    }

    [Fact]
    public async Task A_process_of_another_user_reaching_a_world_connectable_socket_is_rejected_by_its_credentials()
    {
        RequireOtherUser();

        using var temp = new TempDirectory();
        using var log = new StringWriter();
        await using var channel = ReportChannel.Open(new ReportChannelOptions(temp.Sub("channel"), 1 << 20, log));
        var inbox = Directory.CreateDirectory(temp.Sub("inbox")).FullName;
        channel.Admit(Environment.ProcessId, inbox);
        const UnixFileMode everyone = (UnixFileMode)0b111_111_111;
        File.SetUnixFileMode(temp.Sub("channel"), everyone);
        File.SetUnixFileMode(channel.Address, everyone);

        var (exit, said) = await RunAsNobody(channel.Address);

        Assert.Equal(0, exit);
        Assert.Equal("closed", said);
        Assert.Empty(Directory.GetFiles(inbox));
        Assert.Equal(1, channel.Rejected);
        Assert.Contains($"runs as uid {Nobody}", log.ToString());
    }

    private static void RequireOtherUser()
    {
        Requirement.Root("switching to uid 65534");
        Requirement.Command("setpriv", "switching to uid 65534");
        Requirement.Command("perl", "the other user's client");
    }

    private static async Task<(int Exit, string Said)> RunAsNobody(string address)
    {
        var start = new ProcessStartInfo("/usr/bin/setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { $"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", "/usr/bin/perl", "-e", Client, address, Convert.ToHexString(ChannelClient.ReportFrame("from nobody")) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var said = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(guard.Token);
        Assert.Equal(string.Empty, await errors);
        return (process.ExitCode, (await said).Trim());
    }
}
