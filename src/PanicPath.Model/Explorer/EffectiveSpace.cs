using System.Globalization;
using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios;
using PanicPath.Model.Scenarios.Actions;
using PanicPath.Model.Scenarios.Expressions;

namespace PanicPath.Model.Explorer;

/// <summary>
/// The space the explorer counts configurations in: one dimension per explored knob and feature (in the order
/// written), then <c>fault</c>, then <c>entry</c>, then, in a scenario with <c>race:</c>, <c>race</c>. A knob's or feature's domain is its declared values in the
/// order written, then, for a boolean, whichever of false and true it lacks, then every constant a setup
/// <c>set:</c> assigns to it (in the order the setup is written, nested branches included) that is not already
/// there (helpers setup calls included); so a declared value's index is its choice index. The fault's domain is the scenario's faults, the
/// entry's its entry points. A configuration is a value index per dimension; its index is their mixed-radix
/// number, the first dimension varying slowest (the convention of <see cref="BitSet"/>).
/// A run is placed by the values it ran with once setup had run (<see cref="Machine.Effective"/>), its fault,
/// its entry point, and its race when the race happened (<see cref="IndexOf"/>; a race whose point the run never
/// reached reads as <c>none</c>). Immutable; safe to share between threads.
/// </summary>
public sealed class EffectiveSpace
{
    private readonly Scenario scenario;
    private readonly int[][] domains;
    private readonly int[] radix;
    private readonly long[] strides;
    private readonly bool[] setBySetup;

    /// <summary>The effective space of <paramref name="scenario"/>.</summary>
    public EffectiveSpace(Scenario scenario)
    {
        this.scenario = scenario;
        var explored = scenario.Explored;
        var assigned = new List<(Variable Target, int Value)>();
        var targets = new HashSet<Variable>();
        CollectSetup(scenario.Setup, assigned, targets, []);
        domains = new int[explored.Count][];
        setBySetup = [.. explored.Select(targets.Contains)];
        var dimensions = new List<SpaceDimension>();
        for (var d = 0; d < explored.Count; d++)
        {
            var v = explored[d];
            var domain = new List<int>(v.Values);
            if (v.Kind == ValueKind.Bool)
            {
                AddNew(domain, 0);
                AddNew(domain, 1);
            }

            foreach (var (target, value) in assigned)
            {
                if (target == v)
                {
                    AddNew(domain, value);
                }
            }

            domains[d] = [.. domain];
            var kind = v.Kind switch { ValueKind.Bool => DimensionKind.Bool, ValueKind.Int => DimensionKind.Int, _ => DimensionKind.Symbol };
            dimensions.Add(new SpaceDimension(v.Name, kind, [.. domain.Select(x => scenario.Symbols.Format(x, v.Kind))]));
        }

        dimensions.Add(new SpaceDimension("fault", DimensionKind.Fault, [.. scenario.Faults.Select(f => f.Text)]));
        dimensions.Add(new SpaceDimension("entry", DimensionKind.Entry, [.. scenario.Entries.Select(EntryNames.Name)]));
        if (scenario.Racing)
        {
            dimensions.Add(new SpaceDimension("race", DimensionKind.Race, [.. scenario.Races.Select(r => r.Text)]));
        }

        Dimensions = dimensions;
        radix = [.. dimensions.Select(x => x.Values.Count)];
        Radix = radix;
        strides = new long[radix.Length];
        long size = 1;
        for (var d = radix.Length - 1; d >= 0; d--)
        {
            strides[d] = size;
            size = radix[d] == 0 ? 0 : size > long.MaxValue / radix[d] ? long.MaxValue : size * radix[d];
        }

        Size = size;
    }

    /// <summary>The scenario whose space this is.</summary>
    public Scenario Scenario => scenario;

    /// <summary>The dimensions: explored knobs and features in the order written, then <c>fault</c>, then <c>entry</c>, then <c>race</c> when the scenario races.</summary>
    public IReadOnlyList<SpaceDimension> Dimensions { get; }

    /// <summary>How many values each dimension has, in <see cref="Dimensions"/> order.</summary>
    public IReadOnlyList<int> Radix { get; }

    /// <summary>How many configurations the space holds (the product of <see cref="Radix"/>), or <see cref="long.MaxValue"/> when that does not fit.</summary>
    public long Size { get; }

    /// <summary>The index of the configuration with these value indexes, one per dimension.</summary>
    public long Index(ReadOnlySpan<int> valueIndexes)
    {
        long index = 0;
        for (var d = 0; d < radix.Length; d++)
        {
            index = (index * radix[d]) + valueIndexes[d];
        }

        return index;
    }

    /// <summary>Writes the value index of every dimension of configuration <paramref name="index"/> into <paramref name="valueIndexes"/>.</summary>
    public void Decode(long index, Span<int> valueIndexes)
    {
        for (var d = radix.Length - 1; d >= 0; d--)
        {
            valueIndexes[d] = (int)(index % radix[d]);
            index /= radix[d];
        }
    }

    /// <summary>
    /// The index of the configuration <paramref name="machine"/>'s last run ran as: its effective knob and feature
    /// values, and the fault and entry point of <paramref name="choices"/> (the choices it was run with). Throws
    /// <see cref="ScenarioException"/>, located at the setup step that set it, when setup computed a value outside
    /// its dimension's domain.
    /// </summary>
    public long IndexOf(Machine machine, ReadOnlySpan<int> choices)
    {
        var effective = machine.Effective;
        var explored = scenario.Explored;
        long index = 0;
        for (var d = 0; d < effective.Length; d++)
        {
            var value = effective[d];
            var at = choices[d];
            if (explored[d].Values[at] != value)
            {
                at = Array.IndexOf(domains[d], value);
                if (at < 0)
                {
                    throw OutsideDomain(machine, d, value);
                }
            }

            index += at * strides[d];
        }

        var n = effective.Length;
        index += (choices[n] * strides[n]) + (choices[n + 1] * strides[n + 1]);

        // A race whose point the first CPU never reached (or reached with no other CPU left to run) is a run without one.
        return scenario.Racing && machine.RaceRan ? index + (choices[n + 2] * strides[n + 2]) : index;
    }

    /// <summary>True when a setup <c>set:</c> (or one in a helper setup calls) assigns dimension <paramref name="dimension"/>: its value after setup may differ from the chosen one.</summary>
    public bool SetBySetup(int dimension) => dimension < setBySetup.Length && setBySetup[dimension];

    /// <summary>The encoded value of value index <paramref name="valueIndex"/> of knob or feature dimension <paramref name="dimension"/>.</summary>
    public int Value(int dimension, int valueIndex) => domains[dimension][valueIndex];

    /// <summary>The value index of encoded <paramref name="value"/> in knob or feature dimension <paramref name="dimension"/>, or −1.</summary>
    public int ValueIndex(int dimension, int value) => Array.IndexOf(domains[dimension], value);

    /// <summary>Configuration <paramref name="index"/>, with every dimension's value as text.</summary>
    public Configuration Describe(long index)
    {
        var indexes = new int[radix.Length];
        Decode(index, indexes);
        return new Configuration(indexes, [.. Dimensions.Select((x, d) => new KeyValuePair<string, string>(x.Name, x.Values[indexes[d]]))]);
    }

    private ScenarioException OutsideDomain(Machine machine, int d, int value)
    {
        var v = scenario.Explored[d];
        var text = scenario.Symbols.Format(value, v.Kind);
        var listed = string.Join(", ", Dimensions[d].Values);
        var where = v.Role == VariableRole.Knob ? "knobs" : "features";
        return new ScenarioException(machine.SetBy(v.Slot) ?? v.Location, string.Create(CultureInfo.InvariantCulture,
            $"{v.Name} to end setup with one of its values {listed}, not {text} computed here; list {text} under {where}: {v.Name}"));
    }

    private static void AddNew(List<int> domain, int value)
    {
        if (!domain.Contains(value))
        {
            domain.Add(value);
        }
    }

    private static void CollectSetup(ScenarioAction[] actions, List<(Variable, int)> assigned, HashSet<Variable> targets, HashSet<ScenarioAction[]> walked)
    {
        if (!walked.Add(actions))
        {
            return;
        }

        foreach (var action in actions)
        {
            if (action is SetAction set)
            {
                targets.Add(set.Target);
                if (set.Value is Expr.Constant constant)
                {
                    assigned.Add((set.Target, constant.Value));
                }
            }

            foreach (var nested in action.Nested)
            {
                CollectSetup(nested, assigned, targets, walked);
            }
        }
    }
}
