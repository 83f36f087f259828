using System.Text.RegularExpressions;
using PanicPath.Model.Explorer;
using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Tests.Seed;

/// <summary>
/// <c>examples/hyperv/merged-composed.yaml</c>, merged.yaml split into a platform file and one file per
/// driver, explores to exactly what merged.yaml does.
/// </summary>
public sealed partial class ComposedExampleTests
{
    private static Scenario Load(string name) => ScenarioParser.ParseFile(Path.Combine(Model.Examples, name + ".yaml"));

    private static ExplorationReport Explore(string name) => ScenarioExplorer.Explore(Load(name));

    /// <summary>
    /// Every violation as "invariant @ configuration" with its trace. A setup step names where it is written, which
    /// is another line (of another file) once the scenario is split: that place is the one thing left out.
    /// </summary>
    private static SortedDictionary<string, string> Violations(string name) =>
        new(Model.Violations(Load(name)).ToDictionary(
            v => $"{v.Invariant} @ {string.Join(",", v.Configuration.Values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}",
            v => string.Join("\n", v.Trace.Select(s => s with { Action = SetupStepPlace().Replace(s.Action, "the setup step at <place>") }))), StringComparer.Ordinal);

    [GeneratedRegex(@"the setup step at line \d+( of .+)?$")]
    private static partial Regex SetupStepPlace();

    [Fact]
    public void The_composed_example_explores_to_the_same_runs_violations_and_traces_as_merged()
    {
        var merged = Explore("merged");
        var composed = Explore("merged-composed");

        Assert.Equal(merged.Scenario.Name, composed.Scenario.Name);
        Assert.Equal(merged.Runs, composed.Runs);
        Assert.Equal(merged.Invariants.Select(i => i.Invariant.Name).Order(StringComparer.Ordinal), composed.Invariants.Select(i => i.Invariant.Name).Order(StringComparer.Ordinal));
        Assert.False(merged.Holds);
        Assert.Equal(Violations("merged"), Violations("merged-composed"));
    }

    [Fact]
    public void The_composed_example_names_the_driver_file_of_a_setup_step()
    {
        var trace = ScenarioExplorer.Trace(
            ScenarioParser.ParseFile(Path.Combine(Model.Examples, "merged-composed.yaml")),
            "crash_msrs=true,crash_kexec_post_notifiers=false").Trace;

        Assert.Contains(trace, s => s.Action.EndsWith($"changed by the setup step at line 22 of {Path.Combine(Model.Examples, "drivers/vmbus.yaml")}", StringComparison.Ordinal));
    }
}
