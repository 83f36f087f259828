namespace PanicPath.Reports;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected polynomial <c>0xEDB88320</c>, as zlib and PNG have it): the checksum
/// of a slot record, so that a torn or half-written record is recognised. The table is built once,
/// when the type is first used (the runtime uses it at install, not at panic time).
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = Build();

    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    internal static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] Build()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
