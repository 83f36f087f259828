using System.Numerics;

namespace PanicPath.Model.Explorer;

/// <summary>
/// A fixed-size set of configuration indexes, one bit each: what the explorer keeps per invariant instead of
/// a list of violations, so its memory grows by a bit per configuration (2 MiB for 2^24 configurations).
/// Indexes are mixed-radix configuration indexes (the first dimension varies slowest).
/// Not thread-safe.
/// </summary>
public sealed class BitSet
{
    private readonly ulong[] words;

    /// <summary>An empty set able to hold indexes 0 to <paramref name="size"/> − 1.</summary>
    public BitSet(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        Size = size;
        words = new ulong[(size + 63) / 64];
    }

    /// <summary>How many indexes the set can hold.</summary>
    public long Size { get; }

    /// <summary>True when <paramref name="index"/> is in the set.</summary>
    public bool this[long index] => (words[index >> 6] & (1UL << (int)(index & 63))) != 0;

    /// <summary>Adds <paramref name="index"/>; answers true when it was not in the set before.</summary>
    public bool Add(long index)
    {
        ref var word = ref words[index >> 6];
        var bit = 1UL << (int)(index & 63);
        if ((word & bit) != 0)
        {
            return false;
        }

        word |= bit;
        return true;
    }

    /// <summary>Adds every index of <paramref name="other"/>, a set of the same size.</summary>
    public void UnionWith(BitSet other)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(other.Size, Size);
        for (var w = 0; w < words.Length; w++)
        {
            words[w] |= other.words[w];
        }
    }

    /// <summary>How many indexes are in the set.</summary>
    public long Count()
    {
        long count = 0;
        foreach (var word in words)
        {
            count += BitOperations.PopCount(word);
        }

        return count;
    }

    /// <summary>True when the set holds nothing.</summary>
    public bool IsEmpty => Array.TrueForAll(words, w => w == 0);

    /// <summary>The indexes in the set, ascending.</summary>
    public IEnumerable<long> Ones()
    {
        for (var w = 0; w < words.Length; w++)
        {
            var word = words[w];
            while (word != 0)
            {
                var bit = BitOperations.TrailingZeroCount(word);
                yield return ((long)w << 6) + bit;
                word &= word - 1;
            }
        }
    }

    /// <summary>The smallest index in the set at or after <paramref name="from"/>, or −1.</summary>
    public long Next(long from)
    {
        if (from >= Size)
        {
            return -1;
        }

        var w = (int)(from >> 6);
        var word = words[w] & (ulong.MaxValue << (int)(from & 63));
        while (true)
        {
            if (word != 0)
            {
                return ((long)w << 6) + BitOperations.TrailingZeroCount(word);
            }

            if (++w == words.Length)
            {
                return -1;
            }

            word = words[w];
        }
    }
}
