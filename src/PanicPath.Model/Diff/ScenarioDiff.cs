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
        var oldSpace = new ConfigurationSpace(old);
        var newSpace = new ConfigurationSpace(@new);
        var shared = oldSpace.Dimensions.Where(newSpace.Dimensions.Contains).ToList();
        var oldKeys = AllKeys(oldSpace, shared);
        var newKeys = AllKeys(newSpace, shared);
        var oldBroken = Broken(oldReport, shared);
        var newBroken = Broken(newReport, shared);
        return new DiffReport(oldReport, newReport, shared,
            Changes(newBroken, oldBroken, oldKeys),
            Changes(oldBroken, newBroken, newKeys));
    }

    private static HashSet<string> AllKeys(ConfigurationSpace space, List<string> shared)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var choices in space.Choices())
        {
            keys.Add(Project(space.Describe(choices), shared).Key);
        }

        return keys;
    }

    private static Projection Project(Configuration configuration, List<string> shared) =>
        new(shared.Select(d => new KeyValuePair<string, string>(d, configuration[d]!)).ToList());

    private static Dictionary<(string Invariant, string Key), (Projection Config, Violation Example)> Broken(ExplorationReport report, List<string> shared)
    {
        var broken = new Dictionary<(string, string), (Projection, Violation)>();
        foreach (var violation in report.Violations)
        {
            var projection = Project(violation.Configuration, shared);
            broken.TryAdd((violation.Invariant, projection.Key), (projection, violation));
        }

        return broken;
    }

    private static List<DiffEntry> Changes(
        Dictionary<(string Invariant, string Key), (Projection Config, Violation Example)> side,
        Dictionary<(string Invariant, string Key), (Projection Config, Violation Example)> other,
        HashSet<string> otherKeys)
    {
        return side
            .Where(p => !other.ContainsKey(p.Key) && otherKeys.Contains(p.Key.Key))
            .Select(p => new DiffEntry(p.Key.Invariant, p.Value.Config.Values, p.Value.Example))
            .ToList();
    }

    private sealed record Projection(IReadOnlyList<KeyValuePair<string, string>> Values)
    {
        public string Key => string.Join(",", Values.Select(p => $"{p.Key}={p.Value}"));
    }
}
