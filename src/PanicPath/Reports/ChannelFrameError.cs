namespace PanicPath.Reports;

/// <summary>
/// Why <see cref="ChannelFrame.TryReadHeader(ReadOnlySpan{byte}, int, out ChannelFrameHeader)"/> refused a
/// header; <see cref="None"/> when it accepted it. <see cref="ChannelFrame.Describe"/> gives the one line
/// naming the field.
/// </summary>
public enum ChannelFrameError
{
    /// <summary>The header is acceptable.</summary>
    None = 0,

    /// <summary>Fewer than <see cref="ChannelFrame.HeaderSize"/> bytes.</summary>
    Truncated,

    /// <summary>The first two bytes are not <c>'P' 'P'</c>.</summary>
    BadMagic,

    /// <summary>The version byte is not one this end speaks (<see cref="ChannelFrame.MinVersion"/> to <see cref="ChannelFrame.HighestVersion"/>).</summary>
    UnsupportedVersion,

    /// <summary>The kind byte is not a kind of the frame's version.</summary>
    UnknownKind,

    /// <summary>The payload length exceeds the reader's maximum.</summary>
    Oversized,

    /// <summary>A kind that carries no payload declares one.</summary>
    UnexpectedPayload,
}
