using PanicPath.Lists;
using PanicPath.Panics;

namespace PanicPath.Tests.Panics;

public sealed class PanicOptionsTests
{
    public static TheoryData<Action<PanicOptions>, string> BadOptions() => new()
    {
        { o => o.NotifierBudget = TimeSpan.Zero, "PanicOptions.NotifierBudget" },
        { o => o.Deadline = TimeSpan.FromSeconds(-1), "PanicOptions.Deadline" },
        { o => o.NotifierBudget = TimeSpan.FromSeconds(30), "PanicOptions.NotifierBudget" },
        { o => o.SpareExecutors = -1, "PanicOptions.SpareExecutors" },
        { o => o.DumpPolicy = (DumpPolicy)9, "PanicOptions.DumpPolicy" },
        { o => o.ExitCode = 0, "PanicOptions.ExitCode" },
        { o => o.ExitCode = 256, "PanicOptions.ExitCode" },
        { o => o.ExitCode = 71, "PanicOptions.ExitCode" },
        { o => o.ReportLogBytes = 10, "PanicOptions.ReportLogBytes" },
        { o => o.LogRingCapacity = 0, "PanicOptions.LogRingCapacity" },
        { o => o.SpoolDirectory = " ", "PanicOptions.SpoolDirectory" },
        { o => o.ReportForm = (PanicPath.Reports.ReportForm)5, "PanicOptions.ReportForm" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void A_bad_option_is_refused_with_its_field_named(Action<PanicOptions> spoil, string field)
    {
        var options = new PanicOptions();
        spoil(options);

        var error = Assert.ThrowsAny<ArgumentException>(options.Validate);
        Assert.Contains(field, error.Message);
        Assert.Throws(error.GetType(), () => PanicRuntime.CreateDetached(options));
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        new PanicOptions().Validate();
        Assert.Empty(new PanicOptions().Problems());
    }

    [Fact]
    public void Every_field_out_of_range_is_listed_at_once_and_a_rule_between_two_only_when_both_are_valid_alone()
    {
        var options = new PanicOptions { Deadline = TimeSpan.Zero, ExitCode = 300, LogRingCapacity = 0 };

        // NotifierBudget (2 s) exceeds the zero Deadline, but the Deadline's own problem is the one named.
        Assert.Equal(
            [nameof(PanicOptions.Deadline), nameof(PanicOptions.ExitCode), nameof(PanicOptions.LogRingCapacity)],
            options.Problems().Select(p => p.Field));
        Assert.Equal(
            [nameof(PanicOptions.NotifierBudget)],
            new PanicOptions { NotifierBudget = TimeSpan.FromSeconds(30) }.Problems().Select(p => p.Field));
    }

    [Fact]
    public void A_bad_notifier_declaration_names_the_notifier()
    {
        var error = Assert.Throws<ArgumentException>(() => new PanicNotifier("flush", (PanicList)7, (in PanicEvent e) => default));
        Assert.Contains("PanicNotifier.List", error.Message);
        var budget = Assert.Throws<ArgumentOutOfRangeException>(() => new PanicNotifier("flush", PanicList.Final, (in PanicEvent e) => default).WithBudget(TimeSpan.Zero));
        Assert.Contains("'flush'", budget.Message);
    }
}
