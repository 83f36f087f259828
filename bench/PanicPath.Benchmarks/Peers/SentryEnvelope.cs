using System.IO.Compression;
using System.Text.Json;

namespace PanicPath.Benchmarks.Peers;

/// <summary>
/// What the crash-to-record comparison reads of a Sentry envelope (the body of
/// <c>POST /api/&lt;project&gt;/envelope/</c>): newline-separated, a header line, then items, each an
/// item header line (JSON with <c>type</c> and, optionally, <c>length</c> in bytes) followed by its
/// payload (<c>length</c> bytes, else up to the next newline). <see cref="HasEvent"/> answers whether an
/// item is an <c>event</c> (an error event, what an unhandled exception sends), as opposed to sessions,
/// client reports or transactions. <see cref="Decode"/> undoes the request's <c>Content-Encoding</c>.
/// </summary>
internal static class SentryEnvelope
{
    /// <summary>The body of a request, decoded from its content encoding (none, gzip, deflate, br).</summary>
    /// <exception cref="InvalidDataException">An encoding this reader does not know, or a corrupt body.</exception>
    public static byte[] Decode(Stream body, string? contentEncoding)
    {
        using var decoded = (contentEncoding ?? string.Empty).Trim().ToLowerInvariant() switch
        {
            "" or "identity" => body,
            "gzip" => new GZipStream(body, CompressionMode.Decompress, leaveOpen: true),
            "deflate" => new ZLibStream(body, CompressionMode.Decompress, leaveOpen: true),
            "br" => new BrotliStream(body, CompressionMode.Decompress, leaveOpen: true),
            var other => throw new InvalidDataException($"Content-Encoding {other}: not understood"),
        };
        using var copy = new MemoryStream();
        decoded.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>True when one of the envelope's items has type <c>event</c>. A malformed envelope answers false.</summary>
    public static bool HasEvent(ReadOnlySpan<byte> envelope)
    {
        // Skip the envelope header line.
        var position = envelope.IndexOf((byte)'\n');
        if (position < 0)
        {
            return false;
        }

        position++;
        while (position < envelope.Length)
        {
            var rest = envelope[position..];
            var end = rest.IndexOf((byte)'\n');
            var headerLine = end < 0 ? rest : rest[..end];
            position += end < 0 ? rest.Length : end + 1;
            if (headerLine.Trim((byte)'\r').IsEmpty)
            {
                continue;
            }

            string? type;
            long? length;
            try
            {
                var reader = new Utf8JsonReader(headerLine);
                using var header = JsonDocument.ParseValue(ref reader);
                type = header.RootElement.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                length = header.RootElement.TryGetProperty("length", out var l) && l.TryGetInt64(out var n) ? n : null;
            }
            catch (JsonException)
            {
                return false;
            }

            if (type == "event")
            {
                return true;
            }

            if (length is { } bytes)
            {
                // The payload, then its newline (optional at the end).
                position += (int)Math.Min(bytes, envelope.Length - position);
                if (position < envelope.Length && envelope[position] == (byte)'\n')
                {
                    position++;
                }
            }
            else
            {
                var payloadEnd = envelope[position..].IndexOf((byte)'\n');
                position = payloadEnd < 0 ? envelope.Length : position + payloadEnd + 1;
            }
        }

        return false;
    }
}
