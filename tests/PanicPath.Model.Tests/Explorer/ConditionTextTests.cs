using PanicPath.Model.Explorer;
using PanicPath.Model.Explorer.Summaries;

namespace PanicPath.Model.Tests.Explorer;

public sealed class ConditionTextTests
{
    private static readonly SpaceDimension[] Dimensions =
    [
        new("arch", DimensionKind.Symbol, ["x86_64", "arm64", "riscv"]),
        new("kexec_crash_loaded", DimensionKind.Bool, ["false", "true"]),
        new("record_panic_msg", DimensionKind.Bool, ["true", "false"]),
        new("level", DimensionKind.Int, ["-1", "0", "1", "2"]),
        new("fault", DimensionKind.Fault, ["none", "stopped-cpu-holds(ring_lock)", "panic-in(hv \"x\")"]),
        new("entry", DimensionKind.Entry, ["panic", "oops", "warn", "nmi"]),
    ];

    [Fact]
    public void Booleans_read_bare_or_negated_whatever_the_order_their_values_were_listed_in()
    {
        Assert.Equal("kexec_crash_loaded && !record_panic_msg", Text(new Literal(1, [1]), new Literal(2, [1])));
        Assert.Equal("!kexec_crash_loaded && record_panic_msg", Text(new Literal(1, [0]), new Literal(2, [0])));
    }

    [Fact]
    public void Other_dimensions_read_equal_not_equal_or_in_a_set()
    {
        Assert.Equal("arch == arm64 && entry == panic", Text(new Literal(0, [1]), new Literal(5, [0])));
        Assert.Equal("arch != riscv && level in {-1, 1}", Text(new Literal(0, [0, 1]), new Literal(3, [0, 2])));
        Assert.Equal("entry in {panic, oops}", Text(new Literal(5, [0, 1])));
    }

    [Fact]
    public void A_fault_with_punctuation_is_quoted_and_a_plain_one_is_not()
    {
        Assert.Equal("fault == none", Text(new Literal(4, [0])));
        Assert.Equal("fault != \"stopped-cpu-holds(ring_lock)\"", Text(new Literal(4, [0, 2])));
        Assert.Equal("fault == \"panic-in(hv \\\"x\\\")\"", Text(new Literal(4, [2])));
    }

    [Fact]
    public void A_conjunction_without_literals_reads_always()
    {
        Assert.Equal("always", Text());
    }

    private static string Text(params Literal[] literals) => ConditionText.Format(new Conjunction(literals, 1, 0), Dimensions);
}
