using System.Numerics;

namespace PanicPath.Model.Explorer.Summaries;

/// <summary>
/// The sub-products of a mixed-radix space (the first dimension varies slowest) over bit words, one bit per
/// configuration: a sub-product keeps, per dimension, a set of value indexes (ascending). Only the configurations
/// of the sub-product are visited, the dimensions at the end that keep every value as contiguous runs of words.
/// </summary>
internal sealed class Subproducts
{
    private readonly int[] radix;
    private readonly long[] strides;

    /// <summary>The space of <paramref name="radix"/>; throws <see cref="ArgumentException"/> when a dimension has no value.</summary>
    public Subproducts(IReadOnlyList<int> radix)
    {
        this.radix = [.. radix];
        strides = new long[radix.Count];
        long size = 1;
        for (var d = radix.Count - 1; d >= 0; d--)
        {
            if (radix[d] < 1)
            {
                throw new ArgumentException($"dimension {d} has {radix[d]} values; every dimension needs at least one", nameof(radix));
            }

            strides[d] = size;
            size = checked(size * radix[d]);
        }

        Size = size;
    }

    /// <summary>How many configurations the space holds.</summary>
    public long Size { get; }

    /// <summary>The number of dimensions.</summary>
    public int Dimensions => radix.Length;

    /// <summary>How many values dimension <paramref name="d"/> has.</summary>
    public int Radix(int d) => radix[d];

    /// <summary>The value indexes of configuration <paramref name="index"/>.</summary>
    public int[] Decode(long index)
    {
        var choices = new int[radix.Length];
        for (var d = 0; d < radix.Length; d++)
        {
            choices[d] = (int)(index / strides[d] % radix[d]);
        }

        return choices;
    }

    /// <summary>
    /// How many bits of <paramref name="counted"/> the sub-product <paramref name="sets"/> holds, or −1 as soon as
    /// it holds a bit of <paramref name="forbidden"/> (null: nothing is).
    /// </summary>
    public long Count(int[][] sets, ulong[]? forbidden, ulong[] counted) => Walk(sets, forbidden, counted, Mode.Count);

    /// <summary>Clears the bits of the sub-product <paramref name="sets"/> in <paramref name="words"/>.</summary>
    public void Clear(int[][] sets, ulong[] words) => Walk(sets, null, words, Mode.Clear);

    /// <summary>The smallest index of the sub-product <paramref name="sets"/> whose bit is set in <paramref name="words"/>, or −1.</summary>
    public long First(int[][] sets, ulong[] words) => Walk(sets, null, words, Mode.First);

    private enum Mode
    {
        Count,
        Clear,
        First,
    }

    private long Walk(int[][] sets, ulong[]? forbidden, ulong[] counted, Mode mode)
    {
        // Runs are visited in ascending order: every set is ascending and the last dimension varies fastest.
        // The dimensions from `inner` on keep every value: each point of the outer dimensions is one run.
        var inner = radix.Length;
        while (inner > 0 && sets[inner - 1].Length == radix[inner - 1])
        {
            inner--;
        }

        var run = inner == 0 ? Size : strides[inner - 1];
        var positions = new int[inner];
        long start = 0;
        for (var d = 0; d < inner; d++)
        {
            if (sets[d].Length == 0)
            {
                return mode == Mode.First ? -1 : 0;
            }

            start += sets[d][0] * strides[d];
        }

        long count = 0;
        while (true)
        {
            if (forbidden is not null && Words.Any(forbidden, start, start + run))
            {
                return -1;
            }

            switch (mode)
            {
                case Mode.Clear:
                    Words.Clear(counted, start, start + run);
                    break;
                case Mode.First:
                    var first = Words.Next(counted, start, start + run);
                    if (first >= 0)
                    {
                        return first;
                    }

                    break;
                default:
                    count += Words.Count(counted, start, start + run);
                    break;
            }

            var d = inner - 1;
            for (; d >= 0; d--)
            {
                var set = sets[d];
                start -= set[positions[d]] * strides[d];
                if (++positions[d] < set.Length)
                {
                    start += set[positions[d]] * strides[d];
                    break;
                }

                positions[d] = 0;
                start += set[0] * strides[d];
            }

            if (d < 0)
            {
                return mode == Mode.First ? -1 : count;
            }
        }
    }

    /// <summary>Range operations over bit words, a range being [from, to).</summary>
    internal static class Words
    {
        /// <summary>True when a bit in [<paramref name="from"/>, <paramref name="to"/>) is set.</summary>
        public static bool Any(ulong[] words, long from, long to)
        {
            if (from >= to)
            {
                return false;
            }

            var (a, b, first, last) = Span(from, to);
            if (a == b)
            {
                return (words[a] & first & last) != 0;
            }

            return (words[a] & first) != 0
                || (b - a > 1 && words.AsSpan(a + 1, b - a - 1).IndexOfAnyExcept(0UL) >= 0)
                || (words[b] & last) != 0;
        }

        /// <summary>The first set bit in [<paramref name="from"/>, <paramref name="to"/>), or −1.</summary>
        public static long Next(ulong[] words, long from, long to)
        {
            for (var w = from >> 6; from < to; w++, from = w << 6)
            {
                var word = words[w] & (ulong.MaxValue << (int)(from & 63));
                if (word != 0)
                {
                    var index = (w << 6) + BitOperations.TrailingZeroCount(word);
                    return index < to ? index : -1;
                }
            }

            return -1;
        }

        /// <summary>How many bits in [<paramref name="from"/>, <paramref name="to"/>) are set.</summary>
        public static long Count(ulong[] words, long from, long to)
        {
            if (from >= to)
            {
                return 0;
            }

            var (a, b, first, last) = Span(from, to);
            if (a == b)
            {
                return BitOperations.PopCount(words[a] & first & last);
            }

            long count = BitOperations.PopCount(words[a] & first) + BitOperations.PopCount(words[b] & last);
            for (var w = a + 1; w < b; w++)
            {
                count += BitOperations.PopCount(words[w]);
            }

            return count;
        }

        /// <summary>Clears the bits in [<paramref name="from"/>, <paramref name="to"/>).</summary>
        public static void Clear(ulong[] words, long from, long to)
        {
            if (from >= to)
            {
                return;
            }

            var (a, b, first, last) = Span(from, to);
            if (a == b)
            {
                words[a] &= ~(first & last);
                return;
            }

            words[a] &= ~first;
            words.AsSpan(a + 1, b - a - 1).Clear();
            words[b] &= ~last;
        }

        private static (int A, int B, ulong First, ulong Last) Span(long from, long to) =>
            ((int)(from >> 6), (int)((to - 1) >> 6), ulong.MaxValue << (int)(from & 63), ulong.MaxValue >> (63 - (int)((to - 1) & 63)));
    }
}
