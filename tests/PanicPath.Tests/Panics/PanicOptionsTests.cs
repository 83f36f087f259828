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
