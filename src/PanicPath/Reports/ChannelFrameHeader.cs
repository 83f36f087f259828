namespace PanicPath.Reports;

/// <summary>A channel frame's header as read by <see cref="ChannelFrame.TryReadHeader(ReadOnlySpan{byte}, int, out ChannelFrameHeader)"/>.</summary>
/// <param name="Version">The protocol version the frame was written in (1 or 2).</param>
/// <param name="Kind">What the frame is.</param>
/// <param name="PayloadLength">The payload bytes that follow the header.</param>
public readonly record struct ChannelFrameHeader(byte Version, ChannelFrameKind Kind, int PayloadLength);
