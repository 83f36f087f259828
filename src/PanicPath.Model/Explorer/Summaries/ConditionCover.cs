using System.Numerics;

namespace PanicPath.Model.Explorer.Summaries;

/// <summary>
/// Summarises the configurations that violate an invariant as a short disjunction of conjunctions of literals
/// (<c>dimension == value</c>, <c>dimension != value</c>, <c>dimension in {…}</c>) over a mixed-radix configuration
/// space. Configurations that did not run (excluded by constraints, or the same run as another) are don't-cares:
/// a conjunction may describe them or not.
/// </summary>
/// <remarks>
/// Greedy: from a violation not yet described, start with the conjunction that pins every dimension to its value,
/// then widen it one dimension at a time while it stays exact, each time choosing the widening that describes the
/// most violations not yet described: first letting a dimension take any value (dropping its literal), and when no
/// literal can be dropped, adding one value to a dimension of more than two values. A few such seeds are grown and
/// the one describing most is kept; then again, until every violation is described or k conjunctions are found.
/// Each widening is checked over only the configurations it adds, and the check stops at the first one that ran
/// without violating; a widening that failed stays failed as the conjunction grows, so it is not tried again.
/// </remarks>
public static class ConditionCover
{
    /// <summary>How many uncovered violations are grown into a conjunction before the largest is kept.</summary>
    private const int Seeds = 3;

    /// <summary>
    /// At most <paramref name="maxConjunctions"/> exact conjunctions describing <paramref name="violated"/>, largest
    /// first, in the space whose dimension <c>d</c> has <c>radix[d]</c> values (the first dimension varies slowest);
    /// <paramref name="ran"/> holds the configurations that ran, <paramref name="violated"/> ⊆ <paramref name="ran"/>
    /// those that violate. Throws <see cref="ArgumentException"/> when a set's size is not the product of the radixes.
    /// </summary>
    public static Cover Find(IReadOnlyList<int> radix, BitSet ran, BitSet violated, int maxConjunctions)
    {
        ArgumentNullException.ThrowIfNull(radix);
        ArgumentOutOfRangeException.ThrowIfNegative(maxConjunctions);
        var space = new Subproducts(radix);
        if (ran.Size != space.Size || violated.Size != space.Size)
        {
            throw new ArgumentException($"the sets hold {ran.Size} and {violated.Size} configurations, the space {space.Size}");
        }

        var bad = Words(violated);
        var clean = Words(ran);
        for (var w = 0; w < clean.Length; w++)
        {
            clean[w] &= ~bad[w];
        }

        var uncovered = (ulong[])bad.Clone();
        var violations = PopCount(bad);
        var found = new List<Conjunction>();
        while (found.Count < maxConjunctions)
        {
            int[][]? best = null;
            long bestCount = 0;
            foreach (var seed in SeedsOf(uncovered, space.Size))
            {
                var (sets, count) = Grow(space, space.Decode(seed), clean, uncovered);
                if (best is null || count > bestCount)
                {
                    (best, bestCount) = (sets, count);
                }
            }

            if (best is null)
            {
                break;
            }

            space.Clear(best, uncovered);
            found.Add(new Conjunction(LiteralsOf(space, best), space.Count(best, null, bad), space.First(best, bad)));
        }

        var left = PopCount(uncovered);
        return new Cover([.. found.OrderByDescending(c => c.Count)], left == 0, left, violations);
    }

    /// <summary>Widens the conjunction pinned to <paramref name="seed"/> while it stays exact; answers it and how many uncovered violations it describes.</summary>
    private static (int[][] Sets, long Count) Grow(Subproducts space, int[] seed, ulong[] clean, ulong[] uncovered)
    {
        var n = space.Dimensions;
        var sets = new int[n][];
        var failedDrop = new bool[n];
        var failedAdd = new bool[n][];
        for (var d = 0; d < n; d++)
        {
            sets[d] = space.Radix(d) == 1 ? [0] : [seed[d]];
            failedAdd[d] = new bool[space.Radix(d)];
        }

        long count = 1;
        while (true)
        {
            var (dimension, added, gain) = BestDrop(space, sets, clean, uncovered, failedDrop);
            if (dimension < 0)
            {
                (dimension, added, gain) = BestAddition(space, sets, clean, uncovered, failedAdd);
            }

            if (dimension < 0)
            {
                return (sets, count);
            }

            sets[dimension] = [.. sets[dimension].Concat(added!).Order()];
            failedDrop[dimension] = false;
            count += gain;
        }
    }

    /// <summary>The dimension whose literal can be dropped keeping the conjunction exact, describing most uncovered violations; −1 when none.</summary>
    private static (int Dimension, int[]? Added, long Gain) BestDrop(Subproducts space, int[][] sets, ulong[] clean, ulong[] uncovered, bool[] failed)
    {
        (int Dimension, int[]? Added, long Gain) best = (-1, null, -1);
        for (var d = 0; d < sets.Length; d++)
        {
            if (failed[d] || sets[d].Length == space.Radix(d))
            {
                continue;
            }

            var rest = Enumerable.Range(0, space.Radix(d)).Except(sets[d]).ToArray();
            var gain = Try(space, sets, d, rest, clean, uncovered);
            if (gain < 0)
            {
                failed[d] = true;
            }
            else if (gain > best.Gain)
            {
                best = (d, rest, gain);
            }
        }

        return best;
    }

    /// <summary>The one value added to a dimension of more than two values that keeps the conjunction exact and describes most uncovered violations (at least one); −1 when none.</summary>
    private static (int Dimension, int[]? Added, long Gain) BestAddition(Subproducts space, int[][] sets, ulong[] clean, ulong[] uncovered, bool[][] failed)
    {
        (int Dimension, int[]? Added, long Gain) best = (-1, null, 0);
        for (var d = 0; d < sets.Length; d++)
        {
            if (space.Radix(d) <= 2 || sets[d].Length == space.Radix(d))
            {
                continue;
            }

            for (var value = 0; value < space.Radix(d); value++)
            {
                if (failed[d][value] || Array.IndexOf(sets[d], value) >= 0)
                {
                    continue;
                }

                int[] added = [value];
                var gain = Try(space, sets, d, added, clean, uncovered);
                if (gain < 0)
                {
                    failed[d][value] = true;
                }
                else if (gain > best.Gain)
                {
                    best = (d, added, gain);
                }
            }
        }

        return best;
    }

    /// <summary>The uncovered violations the configurations added by letting dimension <paramref name="d"/> take <paramref name="added"/> hold, or −1 when one of them ran clean.</summary>
    private static long Try(Subproducts space, int[][] sets, int d, int[] added, ulong[] clean, ulong[] uncovered)
    {
        var saved = sets[d];
        sets[d] = added;
        try
        {
            return space.Count(sets, clean, uncovered);
        }
        finally
        {
            sets[d] = saved;
        }
    }

    /// <summary>Up to <see cref="Seeds"/> distinct uncovered violations, spread over the space.</summary>
    private static List<long> SeedsOf(ulong[] uncovered, long size)
    {
        var seeds = new List<long>();
        for (var s = 0; s < Seeds; s++)
        {
            var from = size / Seeds * s;
            var seed = Next(uncovered, from, size);
            if (seed < 0)
            {
                seed = Next(uncovered, 0, size);
            }

            if (seed >= 0 && !seeds.Contains(seed))
            {
                seeds.Add(seed);
            }
        }

        return seeds;
    }

    private static List<Literal> LiteralsOf(Subproducts space, int[][] sets) =>
        [.. Enumerable.Range(0, sets.Length).Where(d => sets[d].Length < space.Radix(d)).Select(d => new Literal(d, sets[d]))];

    private static ulong[] Words(BitSet set)
    {
        var words = new ulong[(set.Size + 63) / 64];
        for (var i = set.Next(0); i >= 0; i = set.Next(i + 1))
        {
            words[i >> 6] |= 1UL << (int)(i & 63);
        }

        return words;
    }

    private static long Next(ulong[] words, long from, long size)
    {
        for (var w = (int)(from >> 6); w < words.Length; w++)
        {
            var word = w == (int)(from >> 6) ? words[w] & (ulong.MaxValue << (int)(from & 63)) : words[w];
            if (word != 0)
            {
                var index = ((long)w << 6) + BitOperations.TrailingZeroCount(word);
                return index < size ? index : -1;
            }
        }

        return -1;
    }

    private static long PopCount(ulong[] words)
    {
        long count = 0;
        foreach (var word in words)
        {
            count += BitOperations.PopCount(word);
        }

        return count;
    }
}
