using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Tests;

/// <summary>Compiles scenario text and runs one configuration of it, for the tests.</summary>
internal static class Model
{
    public static Scenario Compile(string yaml) => ScenarioParser.Parse(yaml, "test.yaml");

    public static (RunResult Result, IReadOnlyList<TraceStep> Trace) Run(string yaml, string config = "")
    {
        var run = ScenarioExplorer.Trace(Compile(yaml), config);
        return (run.Result, run.Trace);
    }

    /// <summary>Explores <paramref name="scenario"/> and answers every violation as the explorer streams them, in order.</summary>
    public static List<Violation> Violations(Scenario scenario)
    {
        var violations = new List<Violation>();
        ScenarioExplorer.Explore(scenario, SpaceLimit.DefaultMaxConfigs, violations.Add);
        return violations;
    }

    /// <summary>The steps as "callback: action" (or "chain: action" for kernel steps), in order.</summary>
    public static List<string> Steps(IReadOnlyList<TraceStep> trace) =>
        trace.Select(s => $"{(s.Callback.Length > 0 ? s.Callback : s.Chain)}: {s.Action}").ToList();

    /// <summary>The index of the first step whose text contains <paramref name="fragment"/>, or -1.</summary>
    public static int IndexOf(IReadOnlyList<TraceStep> trace, string fragment) =>
        Steps(trace).FindIndex(s => s.Contains(fragment, StringComparison.Ordinal));

    /// <summary>True when invariant <paramref name="name"/> is violated in the run.</summary>
    public static bool Violates(string yaml, RunResult result, string name) =>
        result.Violates(Compile(yaml).Invariants.Single(i => i.Name == name).Index);

    /// <summary>The error compiling <paramref name="yaml"/>.</summary>
    public static ScenarioException Error(string yaml) => Assert.Throws<ScenarioException>(() => Compile(yaml));

    /// <summary>The repository's examples/hyperv folder.</summary>
    public static string Examples => PanicPath.TestSupport.ExampleScenarios.Folder;
}
