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
    /// The default bound, <c>--max-configs</c>. The explorer keeps every violating configuration with its
    /// trace, so its memory grows with the space: the lowest power of two that admits every example
    /// (the largest, <c>v1-patch16-patch21</c>, has 25,600 configurations) while a scenario shaped like
    /// them stays under about 1 GB.
    /// </summary>
    public const int DefaultMaxConfigs = 32_768;

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
