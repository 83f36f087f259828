using System.Buffers.Binary;

namespace PanicPath.Reports;

/// <summary>
/// The report channel's wire format, version <see cref="Version"/>, used by both ends: every message is
/// an 8-byte header — the magic bytes <c>'P' 'P'</c>, the version byte, the kind byte
/// (<see cref="ChannelFrameKind"/>), the payload length as an unsigned 32-bit big-endian integer — then
/// that many payload bytes. Only <see cref="ChannelFrameKind.Report"/> carries a payload. A header is
/// accepted only when its magic, version and kind are known and its length fits the reader's maximum.
/// </summary>
public static class ChannelFrame
{
    /// <summary>Bytes in a header.</summary>
    public const int HeaderSize = 8;

    /// <summary>The wire version this code writes and reads.</summary>
    public const byte Version = 1;

    /// <summary>First magic byte (<c>'P'</c>).</summary>
    public const byte Magic0 = (byte)'P';

    /// <summary>Second magic byte (<c>'P'</c>).</summary>
    public const byte Magic1 = (byte)'P';

    /// <summary>The default largest payload a reader accepts: 1 MiB.</summary>
    public const int DefaultMaxPayload = 1 << 20;

    /// <summary>Writes a header for a frame of <paramref name="kind"/> with <paramref name="payloadLength"/> bytes into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="HeaderSize"/>, or the length is negative.</exception>
    public static void WriteHeader(Span<byte> destination, ChannelFrameKind kind, int payloadLength)
    {
        if (destination.Length < HeaderSize)
        {
            throw new ArgumentException($"A channel frame header takes {HeaderSize} bytes.", nameof(destination));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        destination[0] = Magic0;
        destination[1] = Magic1;
        destination[2] = Version;
        destination[3] = (byte)kind;
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], (uint)payloadLength);
    }

    /// <summary>A whole frame (header and payload) in a new array.</summary>
    public static byte[] Encode(ChannelFrameKind kind, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[HeaderSize + payload.Length];
        WriteHeader(frame, kind, payload.Length);
        payload.CopyTo(frame.AsSpan(HeaderSize));
        return frame;
    }

    /// <summary>
    /// Reads a header. Answers null when it is acceptable (setting <paramref name="kind"/> and
    /// <paramref name="payloadLength"/>), else the reason it is not, naming the field.
    /// </summary>
    public static string? TryReadHeader(ReadOnlySpan<byte> header, int maxPayload, out ChannelFrameKind kind, out int payloadLength)
    {
        kind = 0;
        payloadLength = 0;
        if (header.Length < HeaderSize)
        {
            return $"truncated header ({header.Length} of {HeaderSize} bytes)";
        }

        if (header[0] != Magic0 || header[1] != Magic1)
        {
            return $"bad magic 0x{header[0]:x2}{header[1]:x2}";
        }

        if (header[2] != Version)
        {
            return $"unsupported version {header[2]} (this end speaks {Version})";
        }

        var k = (ChannelFrameKind)header[3];
        if (!Enum.IsDefined(k))
        {
            return $"unknown kind {header[3]}";
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        if (length > (uint)maxPayload)
        {
            return $"payload length {length} exceeds the maximum {maxPayload}";
        }

        if (k != ChannelFrameKind.Report && length != 0)
        {
            return $"kind {k} carries no payload but declares {length} bytes";
        }

        kind = k;
        payloadLength = (int)length;
        return null;
    }
}
