using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Tests.Explorer;

public sealed class EffectiveSpaceTests
{
    private const string Yaml = """
        knobs:
          panic_timeout: [0, 10]
          arch: [arm64]
        features:
          fb: [true]
          mode: [fast, slow]
        setup:
          - if: mode == slow
            do:
              - set: panic_timeout = 30
              - set: panic_timeout = 10
          - if: "!fb"
            do: []
            else:
              - set: arch = x86_64
        faults:
          - second-cpu-panics
        entry: [panic, oops]
        """;

    [Fact]
    public void The_dimensions_are_the_explored_knobs_and_features_then_fault_and_entry_with_declared_values_both_booleans_and_setup_constants()
    {
        var space = new EffectiveSpace(Model.Compile(Yaml));
        Assert.Equal(["panic_timeout", "arch", "fb", "mode", "fault", "entry"], space.Dimensions.Select(d => d.Name));
        Assert.Equal([DimensionKind.Int, DimensionKind.Symbol, DimensionKind.Bool, DimensionKind.Symbol, DimensionKind.Fault, DimensionKind.Entry], space.Dimensions.Select(d => d.Kind));
        Assert.Equal(["0", "10", "30"], space.Dimensions[0].Values);
        Assert.Equal(["arm64", "x86_64"], space.Dimensions[1].Values);
        Assert.Equal(["true", "false"], space.Dimensions[2].Values);
        Assert.Equal(["fast", "slow"], space.Dimensions[3].Values);
        Assert.Equal(["none", "second-cpu-panics"], space.Dimensions[4].Values);
        Assert.Equal(["panic", "oops"], space.Dimensions[5].Values);
        Assert.Equal([3, 2, 2, 2, 2, 2], space.Radix);
        Assert.Equal(3 * 2 * 2 * 2 * 2 * 2, space.Size);
    }

    [Fact]
    public void The_index_is_mixed_radix_with_the_first_dimension_slowest_and_decode_inverts_it()
    {
        var space = new EffectiveSpace(Model.Compile(Yaml));
        Assert.Equal(0, space.Index([0, 0, 0, 0, 0, 0]));
        Assert.Equal(1, space.Index([0, 0, 0, 0, 0, 1]));
        Assert.Equal(32, space.Index([1, 0, 0, 0, 0, 0]));
        var indexes = new int[6];
        for (long i = 0; i < space.Size; i++)
        {
            space.Decode(i, indexes);
            Assert.All(indexes.Select((v, d) => (v, d)), p => Assert.InRange(p.v, 0, space.Radix[p.d] - 1));
            Assert.Equal(i, space.Index(indexes));
        }

        Assert.Equal("panic_timeout=30,arch=x86_64,fb=false,mode=slow,fault=second-cpu-panics,entry=oops", space.Describe(space.Size - 1).Key);
    }

    [Fact]
    public void A_run_is_placed_by_the_values_it_ran_with_after_setup_and_its_fault_and_entry()
    {
        var scenario = Model.Compile(Yaml);
        var space = new EffectiveSpace(scenario);
        var machine = new Machine(scenario);
        foreach (var choices in new ConfigurationSpace(scenario).Choices())
        {
            machine.Run(choices);
            var expected = new int[6];
            for (var d = 0; d < 4; d++)
            {
                expected[d] = space.ValueIndex(d, machine.Effective[d]);
            }

            expected[4] = choices[4];
            expected[5] = choices[5];
            Assert.Equal(space.Index(expected), space.IndexOf(machine, choices));
        }

        // mode=slow: setup sets panic_timeout to 30, then to 10; fb=true: arch becomes x86_64.
        var slow = new[] { 0, 0, 0, 1, 1, 0 };
        machine.Run(slow);
        Assert.Equal("panic_timeout=10,arch=x86_64,fb=true,mode=slow,fault=second-cpu-panics,entry=panic", space.Describe(space.IndexOf(machine, slow)).Key);
    }

    [Fact]
    public void A_value_setup_computes_outside_its_domain_is_refused_at_the_setup_step_that_computed_it()
    {
        var scenario = Model.Compile("""
            knobs:
              panic_timeout: [0, 10]
            setup:
              - set: panic_timeout = 1
              - set: panic_timeout = panic_timeout + 10
            """);
        var error = Assert.Throws<ScenarioException>(() => ScenarioExplorer.Explore(scenario));
        Assert.Equal(5, error.Location.Line);
        Assert.Equal("test.yaml", error.Location.File);
        Assert.Equal("panic_timeout to end setup with one of its values 0, 10, 1, not 11 computed here; list 11 under knobs: panic_timeout", error.Expected);
    }

    [Fact]
    public void A_constant_a_helper_called_from_setup_assigns_is_in_the_domain_and_its_runs_trace_back_to_their_choices()
    {
        var scenario = Model.Compile("""
            knobs:
              panic_timeout: [0, 10]
            features:
              quick: [false, true]
            helpers:
              shorten:
                - set: panic_timeout = 5
                - call: shorten_again
              shorten_again:
                - if: "false"
                  do: [ { call: shorten } ]
            setup:
              - if: quick
                do: [ { call: shorten } ]
            """);
        var space = new EffectiveSpace(scenario);
        Assert.Equal(["0", "10", "5"], space.Dimensions[0].Values);
        Assert.True(space.SetBySetup(0));
        Assert.False(space.SetBySetup(1));
        var report = ScenarioExplorer.Explore(scenario);
        Assert.Equal(["panic_timeout=0,quick=false,fault=none,entry=panic", "panic_timeout=10,quick=false,fault=none,entry=panic", "panic_timeout=5,quick=true,fault=none,entry=panic"],
            report.Ran.Ones().Select(i => space.Describe(i).Key));
        var five = report.Ran.Ones().Last();
        Assert.Equal("panic_timeout=5,quick=true,fault=none,entry=panic", report.Trace(five).Configuration.Key);
        Assert.Equal(1, report.ChoicesOf(five)[1]);
    }

    [Fact]
    public void A_space_too_large_for_a_long_has_the_largest_long_as_its_size()
    {
        var features = "features:\n" + string.Concat(Enumerable.Range(0, 64).Select(i => $"  f{i}: [false]\n"));
        var space = new EffectiveSpace(Model.Compile(features));
        Assert.All(space.Radix.Take(64), r => Assert.Equal(2, r));
        Assert.Equal(long.MaxValue, space.Size);
    }
}
