using PanicPath.Model.Diff;
using PanicPath.Model.Explorer;
using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Tests.Diff;

public sealed class ScenarioDiffTests
{
    /// <summary>The callback that sets <c>done</c> is skipped when <c>a</c>: done-at-end is violated in half the configurations.</summary>
    private const string Before = """
        scenario: before
        knobs:
          panic_timeout: [0, 10, 20]
        features:
          a: [false, true]
          b: [false, true]
        state:
          done: false
        callbacks:
          - name: finish
            chain: panic
            if: "!a"
            do: [ { set: done = true } ]
        invariants:
          - name: done-at-end
            at: [end-of-panic, restart]
            expect: done
        """;

    /// <summary>The same with a feature only this file has: with <c>fix</c> the callback runs whatever <c>a</c> is.</summary>
    private const string After = """
        scenario: after
        knobs:
          panic_timeout: [0, 10, 20]
        features:
          a: [false, true]
          b: [false, true]
          fix: [false, true]
        state:
          done: false
        callbacks:
          - name: finish
            chain: panic
            if: "!a || fix"
            do: [ { set: done = true } ]
        invariants:
          - name: done-at-end
            at: [end-of-panic, restart]
            expect: done
        """;

    [Fact]
    public void A_feature_only_the_new_file_has_fixes_the_invariant_in_the_configurations_where_it_is_on()
    {
        var diff = ScenarioDiff.Compare(Model.Compile(Before), Model.Compile(After));
        Assert.Equal(3 * 2 * 2 * 2, diff.ComparedCount);
        Assert.Equal(DimensionSide.NewOnly, diff.Space.Sides[diff.Space.Dimensions.ToList().FindIndex(d => d.Name == "fix")]);
        var done = Assert.Single(diff.Invariants);
        Assert.Equal(0, done.NewCount);
        Assert.Equal(6, done.FixedCount);
        Assert.Equal(
            [("fix", "false", 0L, 0L, 12L), ("fix", "true", 6L, 0L, 12L)],
            done.Effects.Select(e => (diff.Space.Dimensions[e.Dimension].Name, e.Value, e.Fixes, e.Breaks, e.Compared)));
        var summary = ChangeSummary.Of(diff, done.Fixed, 8);
        Assert.True(summary.Exact);
        var condition = Assert.Single(summary.Conditions);
        Assert.Equal(("a && fix", 6L), (condition.Text, condition.Count));
        Assert.False(diff.NewlyViolated);
    }

    [Fact]
    public void A_feature_only_the_old_file_has_breaks_the_invariant_where_it_was_on_and_the_diff_says_newly_violated()
    {
        var diff = ScenarioDiff.Compare(Model.Compile(After), Model.Compile(Before));
        var done = Assert.Single(diff.Invariants);
        Assert.Equal(6, done.NewCount);
        Assert.Equal(0, done.FixedCount);
        Assert.Equal(DimensionSide.OldOnly, diff.Space.Sides[done.Effects[0].Dimension]);
        Assert.Equal([(0L, 0L), (0L, 6L)], done.Effects.Select(e => (e.Fixes, e.Breaks)));
        Assert.Equal("a && fix", Assert.Single(ChangeSummary.Of(diff, done.Newly, 8).Conditions).Text);
        Assert.True(diff.NewlyViolated);
    }

    [Fact]
    public void A_shared_dimension_is_compared_on_the_values_both_files_list_matched_by_text()
    {
        var diff = ScenarioDiff.Compare(Model.Compile(Before), Model.Compile(Before.Replace("[0, 10, 20]", "[10, 20, 30]", StringComparison.Ordinal)));
        var timeout = diff.Space.Dimensions.Single(d => d.Name == "panic_timeout");
        Assert.Equal(["10", "20"], timeout.Values);
        Assert.Equal(2 * 2 * 2, diff.ComparedCount);
        Assert.Equal(0, diff.Invariants.Single().NewCount + diff.Invariants.Single().FixedCount);
    }

    [Fact]
    public void Every_compared_configuration_runs_as_the_configuration_of_each_side_with_the_same_values()
    {
        var old = ScenarioExplorer.Explore(Load("v1-patch16"));
        var @new = ScenarioExplorer.Explore(Load("v1-patch16-patch21"));
        var space = new DiffSpace(old.Space, @new.Space, SpaceLimit.DefaultMaxConfigs);
        Assert.Equal(DimensionSide.NewOnly, space.Sides[space.Dimensions.ToList().FindIndex(d => d.Name == "panic_notifiers_level")]);
        long seen = 0;
        foreach (var (index, o, n, values) in space.Pairs())
        {
            Assert.Equal(seen++, index);
            Assert.Equal(o, space.OldIndex(index));
            Assert.Equal(n, space.NewIndex(index));
            var pairs = space.Describe(index);
            Assert.Equal(pairs.Select((p, d) => p.Value), values.Select((v, d) => space.Dimensions[d].Values[v]));
            Assert.Subset(pairs.ToHashSet(), old.Space.Describe(o).Values.ToHashSet());
            Assert.Subset(pairs.ToHashSet(), @new.Space.Describe(n).Values.ToHashSet());
        }

        Assert.Equal(space.Size, seen);
    }

    [Fact]
    public void A_compared_space_past_the_bound_is_refused_naming_the_dimensions_only_one_side_has()
    {
        var old = Model.Compile(Before.Replace("  b: [false, true]", "  b: [false, true]\n  legacy: [false, true]", StringComparison.Ordinal));
        var error = Assert.Throws<ScenarioException>(() => ScenarioDiff.Compare(old, Model.Compile(After), 30));
        Assert.Equal("test.yaml:1:1: expected at most 30 configurations to compare (--max-configs), not 48 = panic_timeout (3) × a (2) × b (2) × fix (2, only new) × legacy (2, only old); a knob only one side has multiplies the other side's configurations", error.Message);
    }

    [Fact]
    public void A_run_that_hangs_only_in_the_old_file_is_a_fix_of_terminates_and_one_that_hangs_only_in_the_new_file_a_new_violation()
    {
        const string hangs = """
            scenario: hangs
            features:
              a: [false, true]
              b: [false, true]
            callbacks:
              - name: stuck
                chain: panic
                if: a
                do: [never-return]
            invariants:
              - name: terminates
                terminates: true
            """;
        var ends = hangs.Replace("do: [never-return]", "do: [return]", StringComparison.Ordinal);
        var fixedDiff = ScenarioDiff.Compare(Model.Compile(hangs), Model.Compile(ends));
        var terminates = Assert.Single(fixedDiff.Invariants);
        Assert.Equal((0L, 2L), (terminates.NewCount, terminates.FixedCount));
        Assert.Equal("a", Assert.Single(ChangeSummary.Of(fixedDiff, terminates.Fixed, 8).Conditions).Text);
        var newDiff = ScenarioDiff.Compare(Model.Compile(ends), Model.Compile(hangs));
        Assert.Equal((2L, 0L), (newDiff.Invariants[0].NewCount, newDiff.Invariants[0].FixedCount));
        Assert.True(newDiff.NewlyViolated);
    }

    private static Scenario Load(string name) => ScenarioParser.ParseFile(Path.Combine(Model.Examples, name + ".yaml"));
}
