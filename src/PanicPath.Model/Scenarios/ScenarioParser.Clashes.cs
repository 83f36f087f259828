using YamlDotNet.RepresentationModel;

namespace PanicPath.Model.Scenarios;

/// <summary>
/// One declaration per name. Features, state, locks, helpers and callbacks share one namespace with the
/// kernel's knobs and the builtins: a name declared a second time, of the same kind or another, is refused
/// at the second declaration, naming where the first is (in whichever file of an <c>include:</c> it is).
/// Invariants have names of their own, each used once; a knob is explored once.
/// </summary>
public sealed partial class ScenarioParser
{
    private readonly Dictionary<string, (string Kind, SourceLocation At)> declared = new(StringComparer.Ordinal);

    /// <summary>What a second declaration of <paramref name="name"/>, a <paramref name="kind"/> declared first at <paramref name="first"/>, is expected to be.</summary>
    private static string Clash(string kind, string name, SourceLocation first) => kind == "knob"
        ? $"each knob explored once; '{name}' is already explored at {first}"
        : $"a new {kind} name; '{name}' is already declared at {first}";

    /// <summary>Declares <paramref name="name"/>, a <paramref name="kind"/> written at <paramref name="node"/>, or refuses it when the name is taken.</summary>
    private void Declare(YamlNode node, string name, string kind)
    {
        if (scenario.Variables.FirstOrDefault(v => v.Name == name && v.Role is VariableRole.Knob or VariableRole.Builtin) is { } predefined)
        {
            throw Error(node, $"a new name for the {kind}; '{name}' is the kernel's {(predefined.Role == VariableRole.Knob ? "knob" : "builtin")} '{name}'");
        }

        if (declared.TryGetValue(name, out var first))
        {
            throw Error(node, first.Kind == kind ? Clash(kind, name, first.At) : $"a new name for the {kind}; '{name}' is already declared as a {first.Kind} at {first.At}");
        }

        declared[name] = (kind, At(node));
    }
}
