using System.Buffers.Binary;

namespace PanicPath.Reports;

/// <summary>
/// The report channel's wire format, versions <see cref="MinVersion"/> to <see cref="HighestVersion"/>,
/// used by both ends: every message is an 8-byte header — the magic bytes <c>'P' 'P'</c>, the version
/// byte, the kind byte (<see cref="ChannelFrameKind"/>), the payload length as an unsigned 32-bit
/// big-endian integer — then that many payload bytes. Only <see cref="ChannelFrameKind.Report"/> and
/// <see cref="ChannelFrameKind.ShortReport"/> carry a payload. A header is accepted only when its magic
/// is right, its version one this code speaks, its kind one of that version, and its length fits the
/// reader's maximum; otherwise the reader gets a <see cref="ChannelFrameError"/>.
/// </summary>
public static class ChannelFrame
{
    /// <summary>Bytes in a header.</summary>
    public const int HeaderSize = 8;

    /// <summary>Version 1: one report per life of the child.</summary>
    public const byte Version1 = 1;

    /// <summary>Version 2: a short report at panic entry and a long report at the end, per life; the hello is answered.</summary>
    public const byte Version2 = 2;

    /// <summary>
    /// Version 3: as version 2, and the supervisor reads crash reports of wire version 2 (the path's
    /// timing, <see cref="CrashReport.CurrentVersion"/>); below it the library writes version 1 reports.
    /// </summary>
    public const byte Version3 = 3;

    /// <summary>The oldest version this code reads.</summary>
    public const byte MinVersion = Version1;

    /// <summary>The highest version this code speaks.</summary>
    public const byte HighestVersion = Version3;

    /// <summary>First magic byte (<c>'P'</c>).</summary>
    public const byte Magic0 = (byte)'P';

    /// <summary>Second magic byte (<c>'P'</c>).</summary>
    public const byte Magic1 = (byte)'P';

    /// <summary>The default largest payload a reader accepts: 1 MiB.</summary>
    public const int DefaultMaxPayload = 1 << 20;

    /// <summary>
    /// Writes a header for a frame of <paramref name="kind"/> with <paramref name="payloadLength"/> bytes
    /// into <paramref name="destination"/>, in protocol <paramref name="version"/> (1, which every supervisor reads, by default).
    /// </summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="HeaderSize"/>, or the length is negative.</exception>
    public static void WriteHeader(Span<byte> destination, ChannelFrameKind kind, int payloadLength, byte version = Version1)
    {
        if (destination.Length < HeaderSize)
        {
            throw new ArgumentException($"A channel frame header takes {HeaderSize} bytes.", nameof(destination));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        destination[0] = Magic0;
        destination[1] = Magic1;
        destination[2] = version;
        destination[3] = (byte)kind;
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], (uint)payloadLength);
    }

    /// <summary>A whole frame (header and payload) in a new array, in protocol <paramref name="version"/>.</summary>
    public static byte[] Encode(ChannelFrameKind kind, ReadOnlySpan<byte> payload, byte version = Version1)
    {
        var frame = new byte[HeaderSize + payload.Length];
        WriteHeader(frame, kind, payload.Length, version);
        payload.CopyTo(frame.AsSpan(HeaderSize));
        return frame;
    }

    /// <summary>True when <paramref name="kind"/> is a kind of protocol <paramref name="version"/>.</summary>
    public static bool IsKindOf(ChannelFrameKind kind, byte version) => kind switch
    {
        ChannelFrameKind.Hello or ChannelFrameKind.Report or ChannelFrameKind.Heartbeat or ChannelFrameKind.Ack => true,
        ChannelFrameKind.ShortReport => version >= Version2,
        _ => false,
    };

    /// <summary>
    /// Reads a header. Answers <see cref="ChannelFrameError.None"/> when it is acceptable (setting
    /// <paramref name="frame"/>), else why it is not (<see cref="Describe"/> words it).
    /// </summary>
    public static ChannelFrameError TryReadHeader(ReadOnlySpan<byte> header, int maxPayload, out ChannelFrameHeader frame)
    {
        frame = default;
        if (header.Length < HeaderSize)
        {
            return ChannelFrameError.Truncated;
        }

        if (header[0] != Magic0 || header[1] != Magic1)
        {
            return ChannelFrameError.BadMagic;
        }

        var version = header[2];
        if (version is < MinVersion or > HighestVersion)
        {
            return ChannelFrameError.UnsupportedVersion;
        }

        var kind = (ChannelFrameKind)header[3];
        if (!IsKindOf(kind, version))
        {
            return ChannelFrameError.UnknownKind;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        if (length > (uint)maxPayload)
        {
            return ChannelFrameError.Oversized;
        }

        if (kind is not (ChannelFrameKind.Report or ChannelFrameKind.ShortReport) && length != 0)
        {
            return ChannelFrameError.UnexpectedPayload;
        }

        frame = new ChannelFrameHeader(version, kind, (int)length);
        return ChannelFrameError.None;
    }

    /// <summary>Reads a header's kind and length; see <see cref="TryReadHeader(ReadOnlySpan{byte}, int, out ChannelFrameHeader)"/>.</summary>
    public static ChannelFrameError TryReadHeader(ReadOnlySpan<byte> header, int maxPayload, out ChannelFrameKind kind, out int payloadLength)
    {
        var error = TryReadHeader(header, maxPayload, out var frame);
        kind = frame.Kind;
        payloadLength = frame.PayloadLength;
        return error;
    }

    /// <summary>The one line saying why <paramref name="header"/> was refused with <paramref name="error"/>, naming the field; null for <see cref="ChannelFrameError.None"/>.</summary>
    public static string? Describe(ChannelFrameError error, ReadOnlySpan<byte> header, int maxPayload) => error switch
    {
        ChannelFrameError.None => null,
        ChannelFrameError.Truncated => $"truncated header ({header.Length} of {HeaderSize} bytes)",
        ChannelFrameError.BadMagic => $"bad magic 0x{header[0]:x2}{header[1]:x2}",
        ChannelFrameError.UnsupportedVersion => $"unsupported version {header[2]} (this end speaks {MinVersion} to {HighestVersion})",
        ChannelFrameError.UnknownKind => $"unknown kind {header[3]} in version {header[2]}",
        ChannelFrameError.Oversized => $"payload length {BinaryPrimitives.ReadUInt32BigEndian(header[4..])} exceeds the maximum {maxPayload}",
        ChannelFrameError.UnexpectedPayload => $"kind {(ChannelFrameKind)header[3]} carries no payload but declares {BinaryPrimitives.ReadUInt32BigEndian(header[4..])} bytes",
        _ => $"refused ({error})",
    };

    /// <summary>The short name a rejection of <paramref name="error"/> is counted under (<c>bad magic</c>, <c>bad version</c>, …).</summary>
    public static string Category(ChannelFrameError error) => error switch
    {
        ChannelFrameError.BadMagic => "bad magic",
        ChannelFrameError.UnsupportedVersion => "bad version",
        ChannelFrameError.UnknownKind => "unknown kind",
        ChannelFrameError.Oversized => "oversized",
        ChannelFrameError.Truncated => "truncated frame",
        _ => "malformed header",
    };
}
