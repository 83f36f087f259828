using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace PanicPath.Model.Scenarios;

/// <summary>
/// CPUs with identity: <c>panic-cpu:</c>, the CPUs the entry point may run on, explored as a dimension of the
/// configuration (named <c>panic-cpu</c>, after the knobs and features); and per-CPU state (<c>per-cpu: true</c>),
/// whose copies take one slot per CPU.
/// </summary>
public sealed partial class ScenarioParser
{
    /// <summary>The name of the dimension <c>panic-cpu:</c> adds; not an identifier, so no expression or write can name it.</summary>
    public const string PanicCpuDimension = "panic-cpu";

    /// <summary>
    /// Reads <c>panic-cpu:</c>: a CPU number, a list of them, or <c>any</c> (every CPU, 0 to <c>cpus</c> − 1), each
    /// a CPU the scenario has, each once.
    /// </summary>
    private void ParsePanicCpu(YamlNode node)
    {
        var expected = $"a CPU from 0 to {scenario.Cpus - 1}";
        int[] values;
        if (node is YamlScalarNode { Value: "any" })
        {
            values = [.. Enumerable.Range(0, scenario.Cpus)];
        }
        else
        {
            var items = node is YamlSequenceNode seq ? seq.Children.ToList() : [node];
            if (items.Count == 0)
            {
                throw Error(node, $"at least one CPU for panic-cpu ({expected}), or any");
            }

            var list = new List<int>();
            foreach (var item in items)
            {
                var text = Scalar(item, $"{expected}, a list of them, or any").Value;
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var which) || which >= scenario.Cpus)
                {
                    throw Error(item, $"{expected} (cpus: {scenario.Cpus}), a list of them, or any, not '{text}'");
                }

                if (list.Contains(which))
                {
                    throw Error(item, $"each CPU once; '{text}' is already listed for panic-cpu");
                }

                list.Add(which);
            }

            values = [.. list];
        }

        var variable = AddVariable(PanicCpuDimension, ValueKind.Int, VariableRole.Feature, At(node), values);
        scenario.Explored.Add(variable);
        scenario.PanicCpu = variable;
        scenario.UsesCpus = true;
    }

    /// <summary>Declares per-CPU state <paramref name="name"/>: its first copy is a variable, the others hidden slots after it.</summary>
    private void AddPerCpuState(string name, ValueKind kind, SourceLocation at, int initial)
    {
        AddVariable(name, kind, VariableRole.State, at, [initial]).PerCpu = true;
        scenario.UsesCpus = true;
        for (var i = 1; i < scenario.Cpus; i++)
        {
            // Named as no expression can name it: the copies are reached through the first.
            AddVariable($"{name}[{i}]", kind, VariableRole.State, at, [initial]);
        }
    }
}
