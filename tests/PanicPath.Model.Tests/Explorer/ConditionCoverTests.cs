using CsCheck;
using PanicPath.Model.Explorer;
using PanicPath.Model.Explorer.Summaries;

namespace PanicPath.Model.Tests.Explorer;

public sealed class ConditionCoverTests
{
    /// <summary>A random small space: radixes, which configurations ran, which of those violate, and k.</summary>
    private static readonly Gen<(int[] Radix, bool[] Ran, bool[] Violated, int K)> SmallSpaces =
        Gen.Int[1, 4].Array[1, 5].SelectMany(radix =>
        {
            var size = radix.Aggregate(1, (a, r) => a * r);
            return Gen.Select(Gen.Bool.Array[size], Gen.Int[0, 3].Array[size], Gen.Int[0, 6],
                (ran, kind, k) => (radix, ran, kind.Select((v, i) => ran[i] && v == 0).ToArray(), k));
        });

    [Fact]
    public void Every_conjunction_is_exact_at_most_k_are_answered_and_the_counts_and_the_uncovered_are_right()
    {
        SmallSpaces.Sample(t =>
        {
            var (ran, violated) = (Set(t.Ran), Set(t.Violated));
            var cover = ConditionCover.Find(t.Radix, ran, violated, t.K);
            Assert.True(cover.Conjunctions.Count <= t.K);
            var configurations = Enumerable.Range(0, t.Ran.Length).Select(i => (Index: i, Choices: Decode(t.Radix, i))).ToList();
            foreach (var conjunction in cover.Conjunctions)
            {
                var described = configurations.Where(c => conjunction.Describes(c.Choices)).ToList();
                Assert.All(described.Where(c => t.Ran[c.Index]), c => Assert.True(t.Violated[c.Index]));
                Assert.Equal(described.Count(c => t.Violated[c.Index]), conjunction.Count);
                Assert.Equal(described.First(c => t.Violated[c.Index]).Index, conjunction.First);
                Assert.True(conjunction.Count > 0);
                AssertWellFormed(t.Radix, conjunction);
            }

            var uncovered = configurations.Count(c => t.Violated[c.Index] && !cover.Conjunctions.Any(j => j.Describes(c.Choices)));
            Assert.Equal(uncovered, cover.Uncovered);
            Assert.Equal(uncovered == 0, cover.Exact);
            Assert.Equal(t.Violated.Count(v => v), cover.Violations);
            Assert.Equal(cover.Conjunctions.OrderByDescending(c => c.Count), cover.Conjunctions);
        }, iter: 2000);
    }

    [Fact]
    public void With_as_many_conjunctions_as_violations_the_cover_is_always_complete()
    {
        SmallSpaces.Sample(t =>
        {
            var cover = ConditionCover.Find(t.Radix, Set(t.Ran), Set(t.Violated), t.Violated.Count(v => v));
            Assert.True(cover.Exact);
            Assert.Equal(0, cover.Uncovered);
        }, iter: 2000);
    }

    [Fact]
    public void A_set_that_is_exactly_a_and_b_is_that_one_conjunction()
    {
        int[] radix = [2, 2, 2, 2, 2];
        var cover = Find(radix, _ => true, c => c[1] == 1 && c[3] == 1, 4);
        Assert.True(cover.Exact);
        var conjunction = Assert.Single(cover.Conjunctions);
        Assert.Equal([new Literal(1, [1]), new Literal(3, [1])], conjunction.Literals);
        Assert.Equal(8, conjunction.Count);
    }

    [Fact]
    public void Configurations_that_never_ran_are_used_as_dont_cares_to_shorten_the_condition()
    {
        // Violated exactly when a && b && c; the configurations with a && b && !c never ran.
        int[] radix = [2, 2, 2, 2];
        var cover = Find(radix, c => !(c[0] == 1 && c[1] == 1 && c[2] == 0), c => c[0] == 1 && c[1] == 1 && c[2] == 1, 4);
        var conjunction = Assert.Single(cover.Conjunctions);
        Assert.Equal([new Literal(0, [1]), new Literal(1, [1])], conjunction.Literals);
        Assert.Equal(2, conjunction.Count);
    }

    [Fact]
    public void A_dimension_of_three_values_gets_one_not_equal_literal_instead_of_two_conjunctions()
    {
        int[] radix = [3, 2, 2];
        var cover = Find(radix, _ => true, c => c[0] != 2 && c[2] == 0, 4);
        var conjunction = Assert.Single(cover.Conjunctions);
        Assert.Equal([new Literal(0, [0, 1]), new Literal(2, [0])], conjunction.Literals);
        Assert.Equal(4, conjunction.Count);
    }

    [Fact]
    public void A_dimension_of_four_values_gets_one_in_literal_instead_of_two_conjunctions()
    {
        int[] radix = [2, 4, 2];
        var cover = Find(radix, _ => true, c => c[0] == 1 && (c[1] == 0 || c[1] == 2), 4);
        var conjunction = Assert.Single(cover.Conjunctions);
        Assert.Equal([new Literal(0, [1]), new Literal(1, [0, 2])], conjunction.Literals);
        Assert.Equal(4, conjunction.Count);
    }

    [Fact]
    public void When_k_conjunctions_cannot_cover_exactly_the_cover_says_so_and_counts_what_is_left()
    {
        // Exclusive or of two dimensions needs two conjunctions.
        int[] radix = [2, 2, 2];
        var cover = Find(radix, _ => true, c => c[0] != c[1], 1);
        Assert.False(cover.Exact);
        var conjunction = Assert.Single(cover.Conjunctions);
        Assert.Equal(2, conjunction.Count);
        Assert.Equal(2, cover.Uncovered);
        Assert.Equal(4, cover.Violations);
        var both = Find(radix, _ => true, c => c[0] != c[1], 2);
        Assert.True(both.Exact);
        Assert.Equal(2, both.Conjunctions.Count);
    }

    [Fact]
    public void Every_configuration_violating_is_the_conjunction_without_literals_and_none_is_no_conjunction()
    {
        int[] radix = [2, 3];
        var all = Find(radix, _ => true, _ => true, 2);
        Assert.True(all.Exact);
        Assert.Empty(Assert.Single(all.Conjunctions).Literals);
        var none = Find(radix, _ => true, _ => false, 2);
        Assert.True(none.Exact);
        Assert.Empty(none.Conjunctions);
    }

    [Fact]
    public void Sets_whose_size_is_not_the_product_of_the_radixes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ConditionCover.Find([2, 3], new BitSet(5), new BitSet(6), 1));
        Assert.Throws<ArgumentException>(() => ConditionCover.Find([2, 0], new BitSet(0), new BitSet(0), 1));
    }

    [Fact]
    public void A_space_of_two_to_the_24_configurations_in_25_dimensions_gets_its_planted_conditions()
    {
        // 20 booleans, a fault of 4 values, an entry of 4 values and two dimensions of a single value.
        int[] radix = [.. Enumerable.Repeat(2, 20), 4, 4, 1, 1, 1];
        var space = radix.Aggregate(1L, (a, r) => a * r);
        Assert.Equal(1L << 24, space);
        var ran = new BitSet(space);
        var violated = new BitSet(space);
        var choices = new int[radix.Length];
        for (long i = 0; i < space; i++)
        {
            var allowed = choices[3] == 0 || choices[4] == 1;                                                   // a constraint: d3 -> d4
            var planted = (choices[0] == 1 && choices[5] == 1 && choices[21] == 2)                             // d0 && d5 && entry == 2
                || (choices[10] == 0 && choices[20] != 3 && choices[19] == 1 && choices[21] != 2);             // !d10 && fault != 3 && d19 && entry != 2
            if (allowed)
            {
                ran.Add(i);
                if (planted)
                {
                    violated.Add(i);
                }
            }

            for (var d = radix.Length - 1; d >= 0 && ++choices[d] == radix[d]; d--)
            {
                choices[d] = 0;
            }
        }

        var cover = ConditionCover.Find(radix, ran, violated, 4);
        Assert.True(cover.Exact);
        Assert.Equal(
            ["d0==1 d5==1 d21==2", "d10==0 d19==1 d20 in 0,1,2 d21 in 0,1,3"],
            cover.Conjunctions.Select(c => string.Join(" ", c.Literals.Select(l => l.Values.Count == 1 ? $"d{l.Dimension}=={l.Values[0]}" : $"d{l.Dimension} in {string.Join(",", l.Values)}"))).Order());
        Assert.Equal(violated.Count(), cover.Violations);
    }

    internal static Cover Find(int[] radix, Func<int[], bool> ran, Func<int[], bool> violated, int k)
    {
        var size = radix.Aggregate(1, (a, r) => a * r);
        var ranSet = new BitSet(size);
        var violatedSet = new BitSet(size);
        for (var i = 0; i < size; i++)
        {
            var choices = Decode(radix, i);
            if (ran(choices))
            {
                ranSet.Add(i);
                if (violated(choices))
                {
                    violatedSet.Add(i);
                }
            }
        }

        return ConditionCover.Find(radix, ranSet, violatedSet, k);
    }

    private static void AssertWellFormed(int[] radix, Conjunction conjunction)
    {
        Assert.Equal(conjunction.Literals.Select(l => l.Dimension).Order(), conjunction.Literals.Select(l => l.Dimension));
        Assert.Equal(conjunction.Literals.Count, conjunction.Literals.Select(l => l.Dimension).Distinct().Count());
        foreach (var literal in conjunction.Literals)
        {
            Assert.NotEmpty(literal.Values);
            Assert.True(literal.Values.Count < radix[literal.Dimension]);
            Assert.Equal(literal.Values.Order(), literal.Values);
            Assert.All(literal.Values, v => Assert.InRange(v, 0, radix[literal.Dimension] - 1));
        }
    }

    private static BitSet Set(bool[] members)
    {
        var set = new BitSet(members.Length);
        for (var i = 0; i < members.Length; i++)
        {
            if (members[i])
            {
                set.Add(i);
            }
        }

        return set;
    }

    private static int[] Decode(int[] radix, long index)
    {
        var choices = new int[radix.Length];
        DecodeInto(radix, index, choices);
        return choices;
    }

    private static void DecodeInto(int[] radix, long index, int[] choices)
    {
        for (var d = radix.Length - 1; d >= 0; d--)
        {
            choices[d] = (int)(index % radix[d]);
            index /= radix[d];
        }
    }
}
