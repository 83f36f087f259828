using System.Buffers.Binary;
using PanicPath.Reports;

namespace PanicPath.Tests.Channel;

public sealed class ChannelFrameTests
{
    [Fact]
    public void A_frame_is_an_eight_byte_header_with_magic_version_kind_and_big_endian_length_then_the_payload()
    {
        var frame = ChannelFrame.Encode(ChannelFrameKind.Report, [1, 2, 3]);

        Assert.Equal(new byte[] { (byte)'P', (byte)'P', 1, 2, 0, 0, 0, 3, 1, 2, 3 }, frame);
        Assert.Null(ChannelFrame.TryReadHeader(frame, 16, out var kind, out var length));
        Assert.Equal(ChannelFrameKind.Report, kind);
        Assert.Equal(3, length);
    }

    [Theory]
    [InlineData(0, (byte)'X', "bad magic")]
    [InlineData(2, 9, "unsupported version 9")]
    [InlineData(3, 77, "unknown kind 77")]
    [InlineData(3, 0, "unknown kind 0")]
    public void A_header_with_a_wrong_byte_is_refused_naming_what_is_wrong(int at, byte value, string expected)
    {
        var header = ChannelFrame.Encode(ChannelFrameKind.Heartbeat, []);
        header[at] = value;

        Assert.Contains(expected, ChannelFrame.TryReadHeader(header, 16, out _, out _));
    }

    [Fact]
    public void A_payload_longer_than_the_readers_maximum_is_refused_before_it_is_read()
    {
        var header = new byte[ChannelFrame.HeaderSize];
        ChannelFrame.WriteHeader(header, ChannelFrameKind.Report, 0);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), uint.MaxValue);

        Assert.Contains("exceeds the maximum 1024", ChannelFrame.TryReadHeader(header, 1024, out _, out _));
    }

    [Fact]
    public void A_heartbeat_or_ack_declaring_a_payload_is_refused()
    {
        var header = new byte[ChannelFrame.HeaderSize];
        ChannelFrame.WriteHeader(header, ChannelFrameKind.Heartbeat, 5);

        Assert.Contains("carries no payload", ChannelFrame.TryReadHeader(header, 1024, out _, out _));
    }

    [Fact]
    public void A_short_header_is_refused_as_truncated()
    {
        Assert.Contains("truncated", ChannelFrame.TryReadHeader([(byte)'P', (byte)'P', 1], 1024, out _, out _));
    }
}
