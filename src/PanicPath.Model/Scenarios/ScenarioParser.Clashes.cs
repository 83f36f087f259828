using YamlDotNet.RepresentationModel;

namespace PanicPath.Model.Scenarios;

/// <summary>
/// One declaration per name. Features, state, locks and helpers share one namespace with the kernel's knobs
/// and the builtins: a name declared a second time, of the same kind or another, is refused at the second
/// declaration, naming where the first is (in whichever file of an <c>include:</c> it is). Callbacks have
/// names of their own (a callback may bear the name of the helper it calls), and so have invariants; each
/// is declared once. A knob is explored once.
/// </summary>
public sealed partial class ScenarioParser
{
    private readonly Dictionary<string, (string Kind, YamlNode Node)> declared = new(StringComparer.Ordinal);

    /// <summary>What a second declaration of <paramref name="name"/>, a <paramref name="kind"/> declared first at <paramref name="first"/>, is expected to be.</summary>
    private static string Clash(string kind, string name, SourceLocation first) => kind == "knob"
        ? $"each knob explored once; '{name}' is already explored at {first}"
        : $"a new {kind} name; '{name}' is already declared at {first}";

    /// <summary>Declares <paramref name="name"/>, a <paramref name="kind"/> written at <paramref name="node"/>, or refuses it when the name is taken.</summary>
    private void Declare(YamlNode node, string name, string kind)
    {
        var key = kind == "callback" ? "callback " + name : name;
        if (kind != "callback" && names.Variable(name) is { Role: VariableRole.Knob or VariableRole.Builtin } predefined)
        {
            throw Error(node, $"a new name for the {kind}; '{name}' is the kernel's {(predefined.Role == VariableRole.Knob ? "knob" : "builtin")} '{name}'");
        }

        if (declared.TryGetValue(key, out var first))
        {
            // Sections compile in a fixed order; the error goes to whichever declaration is written later.
            var (second, secondKind, earlier, earlierKind) = origins.After(first.Node, node) ? (first.Node, first.Kind, node, kind) : (node, kind, first.Node, first.Kind);
            throw Error(second, earlierKind == secondKind
                ? Clash(kind, name, At(earlier))
                : $"a new name for the {secondKind}; '{name}' is already declared as a {earlierKind} at {At(earlier)}");
        }

        declared[key] = (kind, node);
    }
}
