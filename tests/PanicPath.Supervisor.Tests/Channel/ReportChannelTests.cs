using System.Buffers.Binary;
using System.Text;
using PanicPath.Reports;
using PanicPath.Supervisor.Channel;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Channel;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ReportChannelTests
{
    private const int MaxMessage = 64 * 1024;

    [Fact]
    public async Task Ten_thousand_malformed_messages_leave_the_channel_running_and_every_report_after_them_is_stored()
    {
        using var temp = new TempDirectory();
        using var log = new StringWriter();
        await using var channel = ReportChannel.Open(new ReportChannelOptions(temp.Sub("channel"), MaxMessage, log));
        channel.Admit(Environment.ProcessId, Directory.CreateDirectory(temp.Sub("inbox-0")).FullName);
        var messages = Malformed(10_000, new Random(5));

        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (message, _) =>
            Assert.False(await ChannelClient.SendAsync(channel.Address, message)));

        Assert.Equal(10_000, channel.Rejected);
        for (var life = 1; life <= 3; life++)
        {
            var inbox = Directory.CreateDirectory(temp.Sub($"inbox-{life}")).FullName;
            channel.Admit(Environment.ProcessId, inbox);
            Assert.True(await ChannelClient.SendAsync(channel.Address, ChannelClient.ReportFrame($"after the noise {life}")));
            var stored = Assert.Single(Directory.GetFiles(inbox, "*.json"));
            Assert.Equal($"after the noise {life}", CrashReport.Parse(File.ReadAllBytes(stored)).Reason);
        }

        Assert.Equal(10_000, channel.Rejected);
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length < 200, $"{lines.Length} log lines for 10,000 rejections");
    }

    [Fact]
    public async Task In_protocol_version_1_a_second_report_in_one_life_is_rejected_counted_and_the_first_is_kept()
    {
        using var temp = new TempDirectory();
        using var log = new StringWriter();
        await using var channel = ReportChannel.Open(new ReportChannelOptions(temp.Sub("channel"), MaxMessage, log));
        var inbox = Directory.CreateDirectory(temp.Sub("inbox")).FullName;
        var life = channel.Admit(Environment.ProcessId, inbox);

        Assert.True(await ChannelClient.SendAsync(channel.Address, ChannelClient.ReportFrame("first")));
        Assert.False(await ChannelClient.SendAsync(channel.Address, ChannelClient.ReportFrame("second")));

        Assert.Equal("first", CrashReport.Parse(File.ReadAllBytes(Assert.Single(Directory.GetFiles(inbox, "*.json")))).Reason);
        Assert.Equal(Environment.ProcessId, life.ReportSenderPid);
        Assert.Contains("second report", log.ToString());
        Assert.Equal(1, life.DuplicatesRejected);
        Assert.Equal("first", (await life.FirstReport).Reason);
    }

    [Fact]
    public async Task Heartbeats_on_an_admitted_connection_are_counted_for_the_life()
    {
        using var temp = new TempDirectory();
        await using var channel = ReportChannel.Open(new ReportChannelOptions(temp.Sub("channel"), MaxMessage, TextWriter.Null));
        var life = channel.Admit(Environment.ProcessId, temp.Path);
        var beats = Enumerable.Range(0, 3).SelectMany(_ => ChannelFrame.Encode(ChannelFrameKind.Heartbeat, [])).ToArray();

        Assert.False(await ChannelClient.SendAsync(channel.Address, beats));

        Assert.Equal(3, life.Heartbeats);
        Assert.True(life.FirstHeartbeat.IsCompletedSuccessfully);
        Assert.Equal(0, channel.Rejected);
    }

    [Fact]
    public async Task A_connection_of_the_same_user_from_outside_the_supervised_tree_is_rejected_and_logged()
    {
        using var temp = new TempDirectory();
        using var log = new StringWriter();
        await using var channel = ReportChannel.Open(new ReportChannelOptions(temp.Sub("channel"), MaxMessage, log));
        using var other = System.Diagnostics.Process.Start("sleep", "600");
        try
        {
            var inbox = Directory.CreateDirectory(temp.Sub("inbox")).FullName;
            channel.Admit(other.Id, inbox);

            Assert.False(await ChannelClient.SendAsync(channel.Address, ChannelClient.ReportFrame("intruder")));

            Assert.Empty(Directory.GetFiles(inbox));
            Assert.Equal(1, channel.Rejected);
            Assert.Contains($"pid {Environment.ProcessId} does not descend from the child (pid {other.Id})", log.ToString());
        }
        finally
        {
            other.Kill();
        }
    }

    [Fact]
    public async Task The_socket_is_mode_0600_in_a_directory_of_mode_0700()
    {
        using var temp = new TempDirectory();
        await using var channel = ReportChannel.Open(new ReportChannelOptions(temp.Sub("channel"), MaxMessage, TextWriter.Null));

        Assert.Equal(temp.Sub("channel"), Path.GetDirectoryName(channel.Address));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(channel.Address));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(temp.Sub("channel")));
    }

    [Fact]
    public async Task A_socket_directory_too_long_for_a_socket_address_falls_back_to_a_private_directory_under_tmp()
    {
        using var temp = new TempDirectory();
        var deep = Path.Combine(temp.Path, new string('d', 120));
        await using var channel = ReportChannel.Open(new ReportChannelOptions(deep, MaxMessage, TextWriter.Null) { RuntimeDirectory = null });

        Assert.True(Encoding.UTF8.GetByteCount(channel.Address) <= 107);
        Assert.StartsWith("/tmp/panicpath-", channel.Address);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(channel.Address)!));
        var life = channel.Admit(Environment.ProcessId, temp.Path);
        Assert.True(await ChannelClient.SendAsync(channel.Address, ChannelClient.ReportFrame("through the short path")));
        Assert.NotNull(life.ReportPath);
    }

    [Fact]
    public async Task Closing_the_channel_removes_its_socket_file()
    {
        using var temp = new TempDirectory();
        var channel = ReportChannel.Open(new ReportChannelOptions(temp.Sub("channel"), MaxMessage, TextWriter.Null));
        Assert.True(File.Exists(channel.Address));

        await channel.DisposeAsync();

        Assert.False(File.Exists(channel.Address));
    }

    /// <summary>Random bytes, bad magic, bad version, oversized lengths, truncated frames, unknown kinds, invalid reports, acks sent to the supervisor.</summary>
    private static List<byte[]> Malformed(int count, Random random)
    {
        var valid = ChannelClient.ReportFrame("valid");
        var messages = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            byte[] message;
            switch (i % 8)
            {
                case 0:
                    message = new byte[random.Next(1, 64)];
                    random.NextBytes(message);
                    message[0] = (byte)random.Next(0, 'P');
                    break;
                case 1:
                    message = (byte[])valid.Clone();
                    message[random.Next(0, 2)] ^= 0x20;
                    break;
                case 2:
                    message = (byte[])valid.Clone();
                    message[2] = (byte)random.Next(ChannelFrame.HighestVersion + 1, 256);
                    break;
                case 3:
                    message = ChannelFrame.Encode(ChannelFrameKind.Report, []);
                    BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(4), (uint)random.NextInt64(MaxMessage + 1L, uint.MaxValue));
                    break;
                case 4:
                    message = valid[..random.Next(1, valid.Length)];
                    break;
                case 5:
                    message = (byte[])valid.Clone();
                    message[3] = (byte)random.Next(5, 256);
                    break;
                case 6:
                    var junk = new byte[random.Next(1, 200)];
                    random.NextBytes(junk);
                    message = random.Next(2) == 0
                        ? ChannelFrame.Encode(ChannelFrameKind.Report, junk)
                        : ChannelFrame.Encode(ChannelFrameKind.Report, """{"version":7,"kind":"panic","form":"short"}"""u8);
                    break;
                default:
                    message = ChannelFrame.Encode(ChannelFrameKind.Ack, []);
                    break;
            }

            messages.Add(message);
        }

        return messages;
    }
}
