using System.Net.Sockets;
using PanicPath.Reports;

namespace PanicPath.Supervisor.Tests.Channel;

/// <summary>A client of the report channel in the test process: sends raw bytes and tells whether the channel acknowledged or closed.</summary>
internal static class ChannelClient
{
    /// <summary>Sends <paramref name="bytes"/>, stops sending, and answers whether an ack came before the channel closed the connection.</summary>
    public static async Task<bool> SendAsync(string address, byte[] bytes)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(address));
        try
        {
            await socket.SendAsync(bytes, SocketFlags.None);
            socket.Shutdown(SocketShutdown.Send);
            var answer = new byte[ChannelFrame.HeaderSize];
            var got = 0;
            while (got < answer.Length)
            {
                var n = await socket.ReceiveAsync(answer.AsMemory(got), SocketFlags.None);
                if (n == 0)
                {
                    return false;
                }

                got += n;
            }

            return ChannelFrame.TryReadHeader(answer, 0, out var kind, out _) == ChannelFrameError.None && kind == ChannelFrameKind.Ack;
        }
        catch (SocketException)
        {
            // Reset by the channel: it closed on data it did not read.
            return false;
        }
    }

    /// <summary>
    /// Sends <paramref name="frames"/> one after another, stops sending, and answers every frame the
    /// channel sent back (its header) until it closed the connection.
    /// </summary>
    public static async Task<List<ChannelFrameHeader>> ConverseAsync(string address, params byte[][] frames)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(address));
        var answers = new List<ChannelFrameHeader>();
        try
        {
            foreach (var frame in frames)
            {
                await socket.SendAsync(frame, SocketFlags.None);
            }

            socket.Shutdown(SocketShutdown.Send);
            var answer = new byte[ChannelFrame.HeaderSize];
            while (true)
            {
                var got = 0;
                while (got < answer.Length)
                {
                    var n = await socket.ReceiveAsync(answer.AsMemory(got), SocketFlags.None);
                    if (n == 0)
                    {
                        return answers;
                    }

                    got += n;
                }

                Assert.Equal(ChannelFrameError.None, ChannelFrame.TryReadHeader(answer, 0, out ChannelFrameHeader header));
                answers.Add(header);
            }
        }
        catch (SocketException)
        {
            return answers;
        }
    }

    public static byte[] ReportFrame(string reason, byte version = ChannelFrame.Version1) =>
        ChannelFrame.Encode(ChannelFrameKind.Report, Report(reason), version);

    public static byte[] ShortReportFrame(string reason, byte version = ChannelFrame.Version2) =>
        ChannelFrame.Encode(ChannelFrameKind.ShortReport, Report(reason), version);

    private static byte[] Report(string reason) =>
        new CrashReport { Reason = reason, Pid = Environment.ProcessId, Timestamp = DateTime.UtcNow.ToString("O") }.ToUtf8Json();
}
