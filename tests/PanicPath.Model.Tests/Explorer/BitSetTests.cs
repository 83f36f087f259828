using CsCheck;
using PanicPath.Model.Explorer;

namespace PanicPath.Model.Tests.Explorer;

public sealed class BitSetTests
{
    [Fact]
    public void A_bit_set_holds_what_was_added_and_answers_it_in_order_whatever_the_indexes()
    {
        Gen.Int[1, 5000].SelectMany(size => Gen.Long[0, size - 1].Array[0, 200].Select(adds => (size, adds))).Sample(t =>
        {
            var set = new BitSet(t.size);
            var expected = new SortedSet<long>();
            foreach (var index in t.adds)
            {
                Assert.Equal(expected.Add(index), set.Add(index));
            }

            Assert.Equal(expected, set.Ones());
            Assert.Equal(expected.Count, set.Count());
            Assert.Equal(expected.Count == 0, set.IsEmpty);
            for (long i = 0; i < t.size; i++)
            {
                Assert.Equal(expected.Contains(i), set[i]);
            }

            var from = t.size / 3;
            var next = expected.GetViewBetween(from, long.MaxValue);
            Assert.Equal(next.Count == 0 ? -1 : next.Min, set.Next(from));
        });
    }

    [Fact]
    public void Next_past_the_end_answers_none()
    {
        var set = new BitSet(64);
        set.Add(63);
        Assert.Equal(63, set.Next(0));
        Assert.Equal(-1, set.Next(64));
    }
}
