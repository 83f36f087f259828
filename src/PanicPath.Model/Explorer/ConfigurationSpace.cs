using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios;
using PanicPath.Model.Scenarios.Expressions;

namespace PanicPath.Model.Explorer;

/// <summary>
/// The cross product of a scenario's knobs × features × faults × entry points (× races, with <c>race:</c>), in a fixed order (the first
/// dimension varies slowest), without the configurations its constraints exclude.
/// </summary>
public sealed class ConfigurationSpace
{
    private readonly Scenario scenario;
    private readonly int[] radix;

    /// <summary>The space of <paramref name="scenario"/>.</summary>
    public ConfigurationSpace(Scenario scenario)
    {
        this.scenario = scenario;
        radix = scenario.Racing
            ? [.. scenario.Explored.Select(v => v.Values.Length), scenario.Faults.Count, scenario.Entries.Count, scenario.Races.Count]
            : [.. scenario.Explored.Select(v => v.Values.Length), scenario.Faults.Count, scenario.Entries.Count];
    }

    /// <summary>The dimension names: explored knobs and features, then <c>fault</c> and <c>entry</c>, then <c>race</c> in a scenario that races.</summary>
    public IReadOnlyList<string> Dimensions => scenario.Racing
        ? [.. scenario.Explored.Select(v => v.Name), "fault", "entry", "race"]
        : [.. scenario.Explored.Select(v => v.Name), "fault", "entry"];

    /// <summary>Every allowed configuration's choices, in order. The array is reused between items: copy it to keep it.</summary>
    public IEnumerable<int[]> Choices() => Choices(null);

    /// <summary>As <see cref="Choices()"/>, adding every configuration tried, allowed or not, to <paramref name="progress"/>.</summary>
    public IEnumerable<int[]> Choices(ExplorationProgress? progress)
    {
        const int step = 4096;
        var choices = new int[radix.Length];
        var context = new ConstraintContext(scenario);
        var total = scenario.SpaceSize;
        for (long n = 0; n < total; n++)
        {
            if (progress is not null && (n & (step - 1)) == step - 1)
            {
                progress.Add(step);
            }

            if (Allowed(choices, context))
            {
                yield return choices;
            }

            for (var d = radix.Length - 1; d >= 0; d--)
            {
                if (++choices[d] < radix[d])
                {
                    break;
                }

                choices[d] = 0;
            }
        }

        progress?.Add(total % step);
    }

    /// <summary>True when the scenario's constraints allow <paramref name="choices"/>.</summary>
    public bool Allows(int[] choices) => Allowed(choices, new ConstraintContext(scenario));

    /// <summary>The first constraint that excludes <paramref name="choices"/>, or −1 when all allow them.</summary>
    public int Excluding(int[] choices)
    {
        var context = new ConstraintContext(scenario);
        context.Load(choices);
        for (var i = 0; i < scenario.Constraints.Count; i++)
        {
            if (!scenario.Constraints[i].IsTrue(context))
            {
                return i;
            }
        }

        return -1;
    }

    private bool Allowed(int[] choices, ConstraintContext context)
    {
        if (scenario.Constraints.Count == 0)
        {
            return true;
        }

        context.Load(choices);
        foreach (var constraint in scenario.Constraints)
        {
            if (!constraint.IsTrue(context))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The configuration of <paramref name="choices"/>, with its values as text.</summary>
    public Configuration Describe(int[] choices) => Describe(choices, null);

    /// <summary>
    /// The configuration of <paramref name="choices"/> labelled with the values it ran with once setup had run
    /// (<paramref name="effective"/>, in explored order; the chosen values when empty).
    /// </summary>
    public Configuration Describe(int[] choices, ReadOnlySpan<int> effective)
    {
        var values = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < scenario.Explored.Count; i++)
        {
            var v = scenario.Explored[i];
            var value = effective.Length == scenario.Explored.Count ? effective[i] : v.Values[choices[i]];
            values.Add(new(v.Name, scenario.Symbols.Format(value, v.Kind)));
        }

        var n = scenario.Explored.Count;
        values.Add(new("fault", scenario.Faults[choices[n]].Text));
        values.Add(new("entry", EntryNames.Name(scenario.Entries[choices[n + 1]])));
        if (scenario.Racing)
        {
            values.Add(new("race", scenario.Races[choices[n + 2]].Text));
        }

        return new Configuration((int[])choices.Clone(), values);
    }

    /// <summary>
    /// Parses <c>name=value,…</c> into choices; unnamed dimensions take their first value. Throws
    /// <see cref="ArgumentException"/> naming the offending pair, or a name given twice (whichever value it has).
    /// </summary>
    public int[] Parse(string text)
    {
        var choices = new int[radix.Length];
        var dims = Dimensions;
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0)
            {
                throw new ArgumentException($"--config: expected name=value, not '{pair}'");
            }

            var name = pair[..eq].Trim();
            var value = pair[(eq + 1)..].Trim();
            var d = dims.ToList().IndexOf(name);
            if (d < 0)
            {
                throw new ArgumentException($"--config: expected one of {string.Join(", ", dims)}, not '{name}'");
            }

            if (!named.Add(name))
            {
                throw new ArgumentException($"--config: expected each name once, not '{name}' twice");
            }

            var texts = ValueTexts(d);
            var index = texts.IndexOf(value);
            choices[d] = index >= 0 ? index : throw new ArgumentException($"--config: expected {name} to be one of {string.Join(", ", texts)}, not '{value}'");
        }

        return choices;
    }

    private List<string> ValueTexts(int d)
    {
        if (d < scenario.Explored.Count)
        {
            var v = scenario.Explored[d];
            return v.Values.Select(x => scenario.Symbols.Format(x, v.Kind)).ToList();
        }

        return (d - scenario.Explored.Count) switch
        {
            0 => scenario.Faults.Select(f => f.Text).ToList(),
            1 => scenario.Entries.Select(EntryNames.Name).ToList(),
            _ => scenario.Races.Select(r => r.Text).ToList(),
        };
    }

    /// <summary>Evaluates constraints over a configuration's knob and feature values.</summary>
    private sealed class ConstraintContext(Scenario scenario) : IValueContext
    {
        private readonly int[] values = new int[scenario.Variables.Count];

        internal void Load(int[] choices)
        {
            foreach (var v in scenario.Variables)
            {
                values[v.Slot] = v.Values.Length > 0 ? v.Values[0] : 0;
            }

            for (var i = 0; i < scenario.Explored.Count; i++)
            {
                values[scenario.Explored[i].Slot] = scenario.Explored[i].Values[choices[i]];
            }

            values[KernelSlots.Entry] = scenario.Variables[KernelSlots.Entry].Values[(int)scenario.Entries[choices[scenario.Explored.Count + 1]]];
        }

        public int Value(int slot) => values[slot];

        public bool IsHeld(int lockIndex) => false;
    }
}
