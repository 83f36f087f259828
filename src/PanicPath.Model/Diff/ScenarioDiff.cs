using PanicPath.Model.Explorer;
using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Diff;

/// <summary>
/// Compares two scenarios configuration by configuration, the reviewer's "what does this patch change?".
/// Configurations are matched on the dimensions both scenarios explore (a knob only one side has is
/// folded: a shared configuration violates an invariant on a side when any of its configurations there
/// does). Invariants are matched by name. Only configurations both sides have are compared.
/// </summary>
public static class ScenarioDiff
{
    /// <summary>Compares within <see cref="SpaceLimit.DefaultMaxConfigs"/> configurations per scenario.</summary>
    public static DiffReport Compare(Scenario old, Scenario @new) => Compare(old, @new, SpaceLimit.DefaultMaxConfigs);

    /// <summary>
    /// Explores both scenarios and answers the new and the fixed violations; throws <see cref="ScenarioException"/>
    /// before any run when either space holds more than <paramref name="maxConfigs"/> configurations.
    /// </summary>
    public static DiffReport Compare(Scenario old, Scenario @new, long maxConfigs)
    {
        SpaceLimit.Check(old, maxConfigs);
        SpaceLimit.Check(@new, maxConfigs);
        var oldReport = ScenarioExplorer.Explore(old, maxConfigs);
        var newReport = ScenarioExplorer.Explore(@new, maxConfigs);
        var newNames = newReport.Space.Dimensions.Select(d => d.Name).ToList();
        var shared = oldReport.Space.Dimensions.Select(d => d.Name).Where(newNames.Contains).ToList();
        var oldKeys = AllKeys(oldReport, shared);
        var newKeys = AllKeys(newReport, shared);
        var oldBroken = Broken(oldReport, shared);
        var newBroken = Broken(newReport, shared);
        return new DiffReport(oldReport, newReport, shared,
            Changes(newReport, newBroken, oldBroken, oldKeys),
            Changes(oldReport, oldBroken, newBroken, newKeys));
    }

    private static HashSet<string> AllKeys(ExplorationReport report, List<string> shared)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var index in report.Ran.Ones())
        {
            keys.Add(Project(report.Space.Describe(index), shared).Key);
        }

        return keys;
    }

    private static Projection Project(Configuration configuration, List<string> shared) =>
        new(shared.Select(d => new KeyValuePair<string, string>(d, configuration[d]!)).ToList());

    /// <summary>Per (invariant, shared configuration) the first configuration of the report that breaks it.</summary>
    private static Dictionary<(string Invariant, string Key), (Projection Config, long Index)> Broken(ExplorationReport report, List<string> shared)
    {
        var broken = new Dictionary<(string, string), (Projection, long)>();
        foreach (var index in report.Violating().Ones())
        {
            var projection = Project(report.Space.Describe(index), shared);
            foreach (var outcome in report.Invariants)
            {
                if (outcome.Violated[index])
                {
                    broken.TryAdd((outcome.Invariant.Name, projection.Key), (projection, index));
                }
            }
        }

        return broken;
    }

    private static List<DiffEntry> Changes(
        ExplorationReport report,
        Dictionary<(string Invariant, string Key), (Projection Config, long Index)> side,
        Dictionary<(string Invariant, string Key), (Projection Config, long Index)> other,
        HashSet<string> otherKeys)
    {
        var traces = new Dictionary<long, (Configuration, Kernel.RunResult, IReadOnlyList<Kernel.TraceStep>)>();
        var entries = new List<DiffEntry>();
        foreach (var (key, (config, index)) in side)
        {
            if (other.ContainsKey(key) || !otherKeys.Contains(key.Key))
            {
                continue;
            }

            if (!traces.TryGetValue(index, out var run))
            {
                run = report.Trace(index);
                traces.Add(index, run);
            }

            entries.Add(new DiffEntry(key.Invariant, config.Values, new Violation(key.Invariant, run.Item1, run.Item2.Outcome, run.Item3)));
        }

        return entries;
    }

    private sealed record Projection(IReadOnlyList<KeyValuePair<string, string>> Values)
    {
        public string Key => string.Join(",", Values.Select(p => $"{p.Key}={p.Value}"));
    }
}
