using System.Globalization;
using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Explorer;

/// <summary>
/// The bound on a scenario's configuration space, checked before the explorer runs anything. The space is
/// the <see cref="EffectiveSpace"/>: the product of every explored knob's and feature's domain (its values,
/// both booleans, and the constants setup assigns to it), the faults and the entry points, before constraints
/// (counting after them would mean running them over the whole space); the explorer keeps bit sets of that
/// size. Past the bound the scenario is refused with a <see cref="ScenarioException"/> at the first dimension
/// that multiplies it, naming each such dimension and its number of values.
/// </summary>
public static class SpaceLimit
{
    /// <summary>
    /// The default bound, <c>--max-configs</c>: 2^24 configurations. The explorer keeps one bit per configuration
    /// for "ran" and one per invariant for "violated", nothing per run, so its memory is (invariants + 1) × 2 MiB
    /// at this bound: 130 MiB at the 64 invariants a scenario may have, under the 500 MB the explorer is meant to
    /// stay within with the runtime and the compiled scenario; a run takes about a microsecond, so the largest
    /// space explores in seconds to a minute.
    /// </summary>
    public const int DefaultMaxConfigs = 1 << 24;

    /// <summary>Refuses <paramref name="scenario"/> when its space holds more than <paramref name="maxConfigs"/> configurations.</summary>
    public static void Check(Scenario scenario, long maxConfigs)
    {
        var space = new EffectiveSpace(scenario);
        var size = space.Size;
        if (size <= maxConfigs)
        {
            return;
        }

        var factors = space.Dimensions.Select((d, i) => (d.Name, Count: (long)space.Radix[i], At: i < scenario.Explored.Count ? (SourceLocation?)scenario.Explored[i].Location : null)).ToList();
        var multiplying = factors.Where(f => f.Count > 1).ToList();
        var at = multiplying.Select(f => f.At).FirstOrDefault(a => a is not null) ?? new SourceLocation(scenario.File, 1, 1);
        var count = size == long.MaxValue ? $"more than {long.MaxValue.ToString(CultureInfo.InvariantCulture)}" : size.ToString(CultureInfo.InvariantCulture);
        var product = string.Join(" × ", multiplying.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name} ({f.Count})")));
        throw new ScenarioException(at,
            string.Create(CultureInfo.InvariantCulture, $"at most {maxConfigs} configurations to explore (--max-configs), not {count} = {product}; list fewer values or raise --max-configs"));
    }
}
