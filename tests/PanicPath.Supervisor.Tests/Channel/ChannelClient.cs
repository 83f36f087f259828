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

            return ChannelFrame.TryReadHeader(answer, 0, out var kind, out _) is null && kind == ChannelFrameKind.Ack;
        }
        catch (SocketException)
        {
            // Reset by the channel: it closed on data it did not read.
            return false;
        }
    }

    public static byte[] ReportFrame(string reason) =>
        ChannelFrame.Encode(ChannelFrameKind.Report, new CrashReport { Reason = reason, Pid = Environment.ProcessId, Timestamp = DateTime.UtcNow.ToString("O") }.ToUtf8Json());
}
