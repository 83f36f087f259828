using PanicPath.Model.Explorer;
using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Tests.Explorer;

public sealed class SpaceLimitTests
{
    private static string Features(int count) =>
        "features:\n" + string.Concat(Enumerable.Range(0, count).Select(i => $"  f{i}: [false, true]\n")) +
        "callbacks:\n  - name: n\n    chain: panic\ninvariants:\n  - name: never\n    at: [end-of-panic]\n    expect: false\n";

    [Fact]
    public void Forty_unused_features_are_refused_before_any_run_naming_every_feature_that_multiplies_the_space()
    {
        var scenario = Model.Compile(Features(40));
        var error = Assert.Throws<ScenarioException>(() => ScenarioExplorer.Explore(scenario));
        Assert.Equal(new SourceLocation("test.yaml", 2, 3), error.Location);
        Assert.Contains($"at most {SpaceLimit.DefaultMaxConfigs} configurations to explore (--max-configs), not 1099511627776 = ", error.Message, StringComparison.Ordinal);
        Assert.All(Enumerable.Range(0, 40), i => Assert.Contains($"f{i} (2)", error.Message, StringComparison.Ordinal));
        Assert.DoesNotContain("fault (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_space_too_large_for_a_long_is_counted_as_more_than_the_largest_long_not_as_a_wrapped_number()
    {
        var scenario = Model.Compile(Features(64));
        Assert.Equal(long.MaxValue, scenario.SpaceSize);
        var error = Assert.Throws<ScenarioException>(() => ScenarioExplorer.Explore(scenario));
        Assert.Contains($"not more than {long.MaxValue}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_space_exactly_at_the_limit_is_explored_and_one_more_configuration_is_refused()
    {
        var scenario = Model.Compile(Features(4) + "entry: [panic, oops]\n");
        Assert.Equal(32, ScenarioExplorer.Explore(scenario, 32).Runs);
        var error = Assert.Throws<ScenarioException>(() => ScenarioExplorer.Explore(scenario, 31));
        Assert.EndsWith("not 32 = f0 (2) × f1 (2) × f2 (2) × f3 (2) × entry (2); list fewer values or raise --max-configs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explored_knob_is_located_where_its_values_are_listed()
    {
        var scenario = Model.Compile("scenario: k\nknobs:\n  kexec_crash_loaded: [false, true]\n");
        var error = Assert.Throws<ScenarioException>(() => ScenarioExplorer.Explore(scenario, 1));
        Assert.Equal(new SourceLocation("test.yaml", 3, 3), error.Location);
        Assert.Contains("kexec_crash_loaded (2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_example_fits_the_default_limit()
    {
        foreach (var file in Directory.GetFiles(Model.Examples, "*.yaml"))
        {
            SpaceLimit.Check(ScenarioParser.ParseFile(file), SpaceLimit.DefaultMaxConfigs);
        }
    }

    [Fact]
    public void Diff_refuses_a_side_whose_space_is_past_the_limit()
    {
        var small = Model.Compile(Features(1));
        var large = Model.Compile(Features(25));
        var error = Assert.Throws<ScenarioException>(() => PanicPath.Model.Diff.ScenarioDiff.Compare(small, large));
        Assert.Contains("not 33554432 = ", error.Message, StringComparison.Ordinal);
    }
}
