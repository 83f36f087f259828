using System.Globalization;
using PanicPath.Model.Explorer;
using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Diff;

/// <summary>
/// The space two explorations are compared in: the new scenario's knobs and features (each shared with the old one
/// when the old one has a dimension of that name, else only the new one's), then the old one's knobs and features
/// the new one lacks, then <c>fault</c> and <c>entry</c>, then <c>race</c> when either side races. A shared dimension keeps the values both sides have, matched
/// by text, in the new side's order; a dimension only one side has keeps all its values, and the other side runs
/// the same whatever it is. So a configuration here is one configuration of each side (<see cref="OldIndex"/>,
/// <see cref="NewIndex"/>). Indexes are mixed-radix, the first dimension varying slowest. Immutable.
/// </summary>
public sealed class DiffSpace
{
    private readonly long[][] oldPart;
    private readonly long[][] newPart;

    /// <summary>
    /// The space comparing <paramref name="old"/> with <paramref name="new"/>; throws <see cref="ScenarioException"/>
    /// located at the new scenario when it holds more than <paramref name="maxConfigs"/> configurations.
    /// </summary>
    public DiffSpace(EffectiveSpace old, EffectiveSpace @new, long maxConfigs)
    {
        var oldStrides = Strides(old.Radix);
        var newStrides = Strides(@new.Radix);
        var dimensions = new List<SpaceDimension>();
        var sides = new List<DimensionSide>();
        var oldParts = new List<long[]>();
        var newParts = new List<long[]>();

        void Add(SpaceDimension dimension, DimensionSide side, int oldDimension, int newDimension, IReadOnlyList<string> values)
        {
            dimensions.Add(dimension with { Values = values });
            sides.Add(side);
            oldParts.Add([.. values.Select(v => oldDimension < 0 ? 0 : IndexOf(old.Dimensions[oldDimension].Values, v) * oldStrides[oldDimension])]);
            newParts.Add([.. values.Select(v => newDimension < 0 ? 0 : IndexOf(@new.Dimensions[newDimension].Values, v) * newStrides[newDimension])]);
        }

        var oldNames = old.Dimensions.Select(d => d.Name).ToList();
        var newNames = @new.Dimensions.Select(d => d.Name).ToList();
        var knobs = Knobs(@new);
        var oldKnobs = Knobs(old);
        for (var d = 0; d < knobs; d++)
        {
            var o = oldNames.IndexOf(@new.Dimensions[d].Name);
            if (o >= 0 && o < oldKnobs)
            {
                Add(@new.Dimensions[d], DimensionSide.Shared, o, d, [.. @new.Dimensions[d].Values.Where(old.Dimensions[o].Values.Contains)]);
            }
            else
            {
                Add(@new.Dimensions[d], DimensionSide.NewOnly, -1, d, @new.Dimensions[d].Values);
            }
        }

        for (var o = 0; o < oldKnobs; o++)
        {
            var n = newNames.IndexOf(old.Dimensions[o].Name);
            if (n < 0 || n >= knobs)
            {
                Add(old.Dimensions[o], DimensionSide.OldOnly, o, -1, old.Dimensions[o].Values);
            }
        }

        // fault and entry, which both sides have; then the race, shared when both race, else only the side that does.
        for (var n = knobs; n < @new.Dimensions.Count; n++)
        {
            var o = oldNames.IndexOf(@new.Dimensions[n].Name);
            if (o >= oldKnobs)
            {
                Add(@new.Dimensions[n], DimensionSide.Shared, o, n, [.. @new.Dimensions[n].Values.Where(old.Dimensions[o].Values.Contains)]);
            }
            else
            {
                Add(@new.Dimensions[n], DimensionSide.NewOnly, -1, n, @new.Dimensions[n].Values);
            }
        }

        for (var o = oldKnobs; o < old.Dimensions.Count; o++)
        {
            if (newNames.IndexOf(old.Dimensions[o].Name) < knobs)
            {
                Add(old.Dimensions[o], DimensionSide.OldOnly, o, -1, old.Dimensions[o].Values);
            }
        }

        Dimensions = dimensions;
        Sides = sides;
        Radix = [.. dimensions.Select(d => d.Values.Count)];
        oldPart = [.. oldParts];
        newPart = [.. newParts];
        long size = 1;
        foreach (var r in Radix)
        {
            size = r == 0 ? 0 : size > long.MaxValue / r ? long.MaxValue : size * r;
        }

        Size = size;
        if (size > maxConfigs)
        {
            var factors = string.Join(" × ", dimensions.Select((d, i) => (d, i)).Where(p => p.d.Values.Count > 1)
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.d.Name} ({p.d.Values.Count}{(Sides[p.i] == DimensionSide.Shared ? string.Empty : Sides[p.i] == DimensionSide.OldOnly ? ", only old" : ", only new")})")));
            throw new ScenarioException(new SourceLocation(@new.Scenario.File, 1, 1), string.Create(CultureInfo.InvariantCulture,
                $"at most {maxConfigs} configurations to compare (--max-configs), not {(size == long.MaxValue ? "more than " + long.MaxValue : size.ToString(CultureInfo.InvariantCulture))} = {factors}; a knob only one side has multiplies the other side's configurations"));
        }
    }

    /// <summary>How many of <paramref name="space"/>'s dimensions are knobs and features: those before <c>fault</c>.</summary>
    private static int Knobs(EffectiveSpace space) => space.Scenario.Explored.Count;

    /// <summary>The dimensions, each with the values compared.</summary>
    public IReadOnlyList<SpaceDimension> Dimensions { get; }

    /// <summary>Which side explores each dimension, in <see cref="Dimensions"/> order.</summary>
    public IReadOnlyList<DimensionSide> Sides { get; }

    /// <summary>How many values each dimension has.</summary>
    public IReadOnlyList<int> Radix { get; }

    /// <summary>How many configurations the space holds.</summary>
    public long Size { get; }

    /// <summary>The old side's configuration (an index of its effective space) that configuration <paramref name="index"/> runs as.</summary>
    public long OldIndex(long index) => Side(index, oldPart);

    /// <summary>The new side's configuration (an index of its effective space) that configuration <paramref name="index"/> runs as.</summary>
    public long NewIndex(long index) => Side(index, newPart);

    /// <summary>
    /// Every configuration in index order with the old and the new side's configuration it runs as; the array is
    /// the configuration's value indexes, reused between items.
    /// </summary>
    public IEnumerable<(long Index, long Old, long New, int[] Values)> Pairs()
    {
        if (Size == 0)
        {
            yield break;
        }

        var values = new int[Radix.Count];
        long old = 0, @new = 0;
        for (var d = 0; d < values.Length; d++)
        {
            old += oldPart[d][0];
            @new += newPart[d][0];
        }

        for (long index = 0; index < Size; index++)
        {
            yield return (index, old, @new, values);
            for (var d = values.Length - 1; d >= 0; d--)
            {
                old -= oldPart[d][values[d]];
                @new -= newPart[d][values[d]];
                if (++values[d] == Radix[d])
                {
                    values[d] = 0;
                }

                old += oldPart[d][values[d]];
                @new += newPart[d][values[d]];
                if (values[d] != 0)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Configuration <paramref name="index"/> as <c>name=value</c> pairs.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Describe(long index)
    {
        var pairs = new KeyValuePair<string, string>[Radix.Count];
        for (var d = Radix.Count - 1; d >= 0; d--)
        {
            pairs[d] = new(Dimensions[d].Name, Dimensions[d].Values[(int)(index % Radix[d])]);
            index /= Radix[d];
        }

        return pairs;
    }

    private long Side(long index, long[][] part)
    {
        long at = 0;
        for (var d = Radix.Count - 1; d >= 0; d--)
        {
            at += part[d][(int)(index % Radix[d])];
            index /= Radix[d];
        }

        return at;
    }

    private static long[] Strides(IReadOnlyList<int> radix)
    {
        var strides = new long[radix.Count];
        long stride = 1;
        for (var d = radix.Count - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= Math.Max(radix[d], 1);
        }

        return strides;
    }

    private static int IndexOf(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
