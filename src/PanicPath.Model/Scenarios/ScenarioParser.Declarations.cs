using PanicPath.Model.Kernel;
using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace PanicPath.Model.Scenarios;

/// <summary>
/// Knobs, features and state: the scenario's named values. A knob is one of the kernel's and may list
/// values to explore; a feature is new and lists its values (all of one type); a state starts at one
/// value (a symbolic state also lists the values it may take). Every name is declared once (<c>.Clashes.cs</c>).
/// </summary>
public sealed partial class ScenarioParser
{
    private Variable AddVariable(string name, ValueKind kind, VariableRole role, SourceLocation at, int[] values)
    {
        var variable = new Variable(name, scenario.Variables.Count, kind, role, at) { Values = values };
        scenario.Variables.Add(variable);
        return variable;
    }

    private int Encode(string text, ValueKind kind) => kind switch
    {
        ValueKind.Bool => text == "true" ? 1 : 0,
        ValueKind.Int => int.Parse(text, CultureInfo.InvariantCulture),
        _ => scenario.Symbols.Intern(text),
    };

    private static ValueKind KindOf(string text) =>
        text is "true" or "false" ? ValueKind.Bool
        : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? ValueKind.Int
        : ValueKind.Symbol;

    private int[] ValueList(YamlNode node, ValueKind? required, string what)
    {
        var items = Sequence(node, $"a list of values to explore for {what}");
        if (items.Count == 0)
        {
            throw Error(node, $"at least one value for {what}");
        }

        var kind = required ?? KindOf(Scalar(items[0], "a value").Value!);
        var result = new List<int>();
        foreach (var item in items)
        {
            var text = Scalar(item, "a value").Value!;
            var k = KindOf(text);
            if (k != kind || (k == ValueKind.Symbol && !IsIdentifier(text)))
            {
                throw Error(item, $"a {Describe(kind)} value for {what}, like the others, not '{text}'");
            }

            var code = Encode(text, kind);
            if (result.Contains(code))
            {
                throw Error(item, $"each value once; '{text}' is already listed for {what}");
            }

            result.Add(code);
        }

        return [.. result];
    }

    private static string Describe(ValueKind kind) => kind switch
    {
        ValueKind.Bool => "boolean (true or false)",
        ValueKind.Int => "integer",
        _ => "symbolic",
    };

    private void ParseKnobs(YamlMappingNode knobs)
    {
        foreach (var (key, value) in knobs.Children)
        {
            var name = Scalar(key, "a knob name").Value!;
            var variable = scenario.Variables.FirstOrDefault(v => v.Role == VariableRole.Knob && v.Name == name)
                ?? throw Error(key, "one of the kernel's knobs " + string.Join(", ", KernelKnobs.Select(k => k.Name)) + $", not '{name}'");
            if (scenario.Explored.Contains(variable))
            {
                throw Error(key, Clash("knob", name, variable.Location));
            }

            RefusePerCpu(value, "knob", name);
            variable.Values = ValueList(value, variable.Kind, name);
            if (name == "panic_notifiers_level" && variable.Values.Any(v => v is < 0 or > 4))
            {
                throw Error(value, "panic_notifiers_level values from 0 to 4");
            }

            if (name == "panic_notifiers_level" && !scenario.HasNotifiersLevel)
            {
                throw Error(key, "panic_notifiers_level only with 'kernel: series-v1'");
            }

            variable.Location = At(key);
            scenario.Explored.Add(variable);
        }
    }

    /// <summary>Refuses <c>per-cpu:</c> on a knob or a feature: a configuration's value is one for the whole machine.</summary>
    private void RefusePerCpu(YamlNode value, string kind, string name)
    {
        if (value is YamlMappingNode map && map.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: "per-cpu" }) is { } key)
        {
            throw Error(key, $"a list of values to explore for {name}, not per-cpu: a {kind} is one value for the whole machine; per-cpu belongs to state");
        }
    }

    private void ParseFeatures(YamlMappingNode features)
    {
        foreach (var (key, value) in features.Children)
        {
            var name = Identifier(key, "a feature name");
            Declare(key, name, "feature");
            RefusePerCpu(value, "feature", name);
            var values = ValueList(value, null, name);
            var kind = KindOf(Scalar(((YamlSequenceNode)value).Children[0], "a value").Value!);
            scenario.Explored.Add(AddVariable(name, kind, VariableRole.Feature, At(key), values));
        }
    }

    private void ParseState(YamlMappingNode state)
    {
        foreach (var (key, value) in state.Children)
        {
            var name = Identifier(key, "a state name");
            Declare(key, name, "state");
            if (value is YamlMappingNode map)
            {
                YamlNode? initial = null;
                YamlNode? values = null;
                var perCpu = false;
                foreach (var (k, v) in map.Children)
                {
                    switch (Scalar(k, "initial, values or per-cpu").Value)
                    {
                        case "initial": initial = v; break;
                        case "values": values = v; break;
                        case "per-cpu": perCpu = Bool(v, "per-cpu: true or false"); break;
                        default: throw Error(k, $"initial, values or per-cpu, not '{((YamlScalarNode)k).Value}'");
                    }
                }

                if (initial is null)
                {
                    throw Error(map, values is null ? "an 'initial' value for the state" : "both 'initial' and 'values' for a symbolic state");
                }

                var initialText = Scalar(initial, "the initial value").Value!;
                var initialKind = KindOf(initialText);
                int code;
                ValueKind kind;
                if (values is null && initialKind != ValueKind.Symbol)
                {
                    kind = initialKind;
                    code = Encode(initialText, kind);
                }
                else if (values is null)
                {
                    throw Error(map, "both 'initial' and 'values' for a symbolic state");
                }
                else
                {
                    var all = ValueList(values, ValueKind.Symbol, name);
                    var first = Identifier(initial, "the initial value");
                    code = scenario.Symbols.Intern(first);
                    if (!all.Contains(code))
                    {
                        throw Error(initial, $"an initial value among the listed values of {name}");
                    }

                    kind = ValueKind.Symbol;
                }

                if (perCpu)
                {
                    AddPerCpuState(name, kind, At(key), code);
                }
                else
                {
                    AddVariable(name, kind, VariableRole.State, At(key), [code]);
                }
            }
            else
            {
                var text = Scalar(value, "an initial value: true, false, an integer, or {initial, values}").Value!;
                var kind = KindOf(text);
                if (kind == ValueKind.Symbol)
                {
                    throw Error(value, $"true, false or an integer, or for a symbolic state {{ initial: {text}, values: [...] }}");
                }

                AddVariable(name, kind, VariableRole.State, At(key), [Encode(text, kind)]);
            }
        }
    }
}
