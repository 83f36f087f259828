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
        Assert.Equal(ChannelFrameError.None, ChannelFrame.TryReadHeader(frame, 16, out var kind, out var length));
        Assert.Equal(ChannelFrameKind.Report, kind);
        Assert.Equal(3, length);
    }

    [Theory]
    [InlineData(0, (byte)'X', ChannelFrameError.BadMagic, "bad magic")]
    [InlineData(2, 9, ChannelFrameError.UnsupportedVersion, "unsupported version 9")]
    [InlineData(2, 0, ChannelFrameError.UnsupportedVersion, "unsupported version 0")]
    [InlineData(3, 77, ChannelFrameError.UnknownKind, "unknown kind 77")]
    [InlineData(3, 0, ChannelFrameError.UnknownKind, "unknown kind 0")]
    public void A_header_with_a_wrong_byte_is_refused_with_its_error_and_a_line_naming_what_is_wrong(int at, byte value, ChannelFrameError error, string expected)
    {
        var header = ChannelFrame.Encode(ChannelFrameKind.Heartbeat, []);
        header[at] = value;

        Assert.Equal(error, ChannelFrame.TryReadHeader(header, 16, out _, out _));
        Assert.Contains(expected, ChannelFrame.Describe(error, header, 16));
    }

    [Fact]
    public void A_short_report_is_a_kind_of_version_2_only()
    {
        var inVersion2 = ChannelFrame.Encode(ChannelFrameKind.ShortReport, [1, 2], ChannelFrame.Version2);
        var inVersion1 = ChannelFrame.Encode(ChannelFrameKind.ShortReport, [1, 2], ChannelFrame.Version1);

        Assert.Equal(ChannelFrameError.None, ChannelFrame.TryReadHeader(inVersion2, 16, out ChannelFrameHeader frame));
        Assert.Equal(new ChannelFrameHeader(2, ChannelFrameKind.ShortReport, 2), frame);
        Assert.Equal(ChannelFrameError.UnknownKind, ChannelFrame.TryReadHeader(inVersion1, 16, out _));
        Assert.Equal("unknown kind 5 in version 1", ChannelFrame.Describe(ChannelFrameError.UnknownKind, inVersion1, 16));
    }

    [Fact]
    public void Every_version_from_1_to_the_highest_is_read_and_the_header_says_which()
    {
        for (var version = ChannelFrame.MinVersion; version <= ChannelFrame.HighestVersion; version++)
        {
            Assert.Equal(ChannelFrameError.None, ChannelFrame.TryReadHeader(ChannelFrame.Encode(ChannelFrameKind.Hello, [], version), 0, out ChannelFrameHeader frame));
            Assert.Equal(version, frame.Version);
        }
    }

    [Fact]
    public void A_payload_longer_than_the_readers_maximum_is_refused_before_it_is_read()
    {
        var header = new byte[ChannelFrame.HeaderSize];
        ChannelFrame.WriteHeader(header, ChannelFrameKind.Report, 0);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), uint.MaxValue);

        Assert.Equal(ChannelFrameError.Oversized, ChannelFrame.TryReadHeader(header, 1024, out _, out _));
        Assert.Contains("exceeds the maximum 1024", ChannelFrame.Describe(ChannelFrameError.Oversized, header, 1024));
    }

    [Fact]
    public void A_heartbeat_or_hello_declaring_a_payload_is_refused()
    {
        var header = new byte[ChannelFrame.HeaderSize];
        ChannelFrame.WriteHeader(header, ChannelFrameKind.Heartbeat, 5);
        var hello = new byte[ChannelFrame.HeaderSize];
        ChannelFrame.WriteHeader(hello, ChannelFrameKind.Hello, 5, ChannelFrame.Version2);

        Assert.Equal(ChannelFrameError.UnexpectedPayload, ChannelFrame.TryReadHeader(header, 1024, out _, out _));
        Assert.Equal(ChannelFrameError.UnexpectedPayload, ChannelFrame.TryReadHeader(hello, 1024, out _, out _));
        Assert.Contains("carries no payload", ChannelFrame.Describe(ChannelFrameError.UnexpectedPayload, header, 1024));
    }

    [Fact]
    public void A_short_header_is_refused_as_truncated()
    {
        byte[] header = [(byte)'P', (byte)'P', 1];

        Assert.Equal(ChannelFrameError.Truncated, ChannelFrame.TryReadHeader(header, 1024, out _, out _));
        Assert.Contains("truncated", ChannelFrame.Describe(ChannelFrameError.Truncated, header, 1024));
    }
}
