using PanicPath.Model.Explorer;
using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Diff;

/// <summary>
/// Compares two scenarios, the reviewer's "what does this patch change?". Both are explored; their configurations
/// are paired in a <see cref="DiffSpace"/> (dimensions matched by name and values by text; a dimension only one side
/// has is kept, the other side running the same whatever its value) and compared where both ran. Per invariant
/// (matched by name) the configurations newly violated and fixed are kept as bit sets, and for each value of a
/// dimension only one side has, how many configurations with that value it fixes and breaks.
/// </summary>
public static class ScenarioDiff
{
    /// <summary>Compares within <see cref="SpaceLimit.DefaultMaxConfigs"/> configurations per scenario.</summary>
    public static DiffReport Compare(Scenario old, Scenario @new) => Compare(old, @new, SpaceLimit.DefaultMaxConfigs);

    /// <summary>
    /// Explores both scenarios and compares them; throws <see cref="ScenarioException"/> before any run when either
    /// space, or the compared space, holds more than <paramref name="maxConfigs"/> configurations.
    /// </summary>
    public static DiffReport Compare(Scenario old, Scenario @new, long maxConfigs)
    {
        SpaceLimit.Check(old, maxConfigs);
        SpaceLimit.Check(@new, maxConfigs);
        _ = new DiffSpace(new EffectiveSpace(old), new EffectiveSpace(@new), maxConfigs);
        return Compare(ScenarioExplorer.Explore(old, maxConfigs), ScenarioExplorer.Explore(@new, maxConfigs), maxConfigs);
    }

    /// <summary>Compares two explorations; throws <see cref="ScenarioException"/> when the compared space holds more than <paramref name="maxConfigs"/> configurations.</summary>
    public static DiffReport Compare(ExplorationReport old, ExplorationReport @new, long maxConfigs)
    {
        var space = new DiffSpace(old.Space, @new.Space, maxConfigs);
        var names = @new.Invariants.Select(i => i.Invariant.Name).Concat(old.Invariants.Select(i => i.Invariant.Name)).Distinct().ToList();
        var oldSets = names.Select(n => old.Invariants.FirstOrDefault(i => i.Invariant.Name == n)?.Violated).ToArray();
        var newSets = names.Select(n => @new.Invariants.FirstOrDefault(i => i.Invariant.Name == n)?.Violated).ToArray();
        var newly = names.Select(_ => new BitSet(space.Size)).ToArray();
        var @fixed = names.Select(_ => new BitSet(space.Size)).ToArray();
        var compared = new BitSet(space.Size);
        var oneSided = Enumerable.Range(0, space.Radix.Count).Where(d => space.Sides[d] != DimensionSide.Shared).ToArray();
        var fixes = oneSided.Select(d => new long[space.Radix[d], names.Count]).ToArray();
        var breaks = oneSided.Select(d => new long[space.Radix[d], names.Count]).ToArray();
        var counts = oneSided.Select(d => new long[space.Radix[d]]).ToArray();
        foreach (var (index, o, n, values) in space.Pairs())
        {
            if (!old.Ran[o] || !@new.Ran[n])
            {
                continue;
            }

            compared.Add(index);
            for (var s = 0; s < oneSided.Length; s++)
            {
                counts[s][values[oneSided[s]]]++;
            }

            for (var i = 0; i < names.Count; i++)
            {
                var before = oldSets[i]?[o] ?? false;
                var after = newSets[i]?[n] ?? false;
                if (before == after)
                {
                    continue;
                }

                (after ? newly : @fixed)[i].Add(index);
                for (var s = 0; s < oneSided.Length; s++)
                {
                    (after ? breaks : fixes)[s][values[oneSided[s]], i]++;
                }
            }
        }

        var invariants = names.Select((name, i) => new InvariantDiff(name, newly[i], newly[i].Count(), @fixed[i], @fixed[i].Count(),
            [.. oneSided.SelectMany((d, s) => Enumerable.Range(0, space.Radix[d]).Select(v =>
                new ValueEffect(d, space.Dimensions[d].Values[v], fixes[s][v, i], breaks[s][v, i], counts[s][v])))])).ToList();
        return new DiffReport(old, @new, space, compared, compared.Count(), invariants);
    }
}
