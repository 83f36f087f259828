using System.Buffers.Binary;

namespace PanicPath.Browser.Tests.Support;

/// <summary>The size a PNG file's header states (its IHDR chunk), or null when the file is not a PNG.</summary>
internal static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static (int Width, int Height)? Size(string file)
    {
        var header = new byte[24];
        using (var stream = File.OpenRead(file))
        {
            if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            {
                return null;
            }
        }

        if (!header.AsSpan(0, 8).SequenceEqual(Signature) || !header.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            return null;
        }

        return (BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20, 4)));
    }
}
