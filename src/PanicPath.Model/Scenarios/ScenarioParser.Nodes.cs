using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace PanicPath.Model.Scenarios;

/// <summary>
/// The node readers every part of the compiler shares: a scalar, a mapping, a list, an identifier, an
/// integer, a boolean, a mapping's fields among allowed keys. Each refuses anything else with a located
/// error saying what was expected and what was found.
/// </summary>
public sealed partial class ScenarioParser
{
    private Dictionary<string, YamlNode> Fields(YamlMappingNode map, string[] allowed)
    {
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            var key = Scalar(k, "a key").Value!;
            if (!allowed.Contains(key))
            {
                throw Error(k, "one of the keys " + string.Join(", ", allowed) + $", not '{key}'");
            }

            if (!fields.TryAdd(key, v))
            {
                throw Error(k, $"'{key}' only once");
            }
        }

        return fields;
    }

    private YamlScalarNode Scalar(YamlNode node, string expected) =>
        node as YamlScalarNode ?? throw Error(node, expected + $", not a {(node is YamlSequenceNode ? "list" : "mapping")}");

    private YamlMappingNode Mapping(YamlNode node, string expected) =>
        node as YamlMappingNode ?? throw Error(node, expected + $", not a {(node is YamlSequenceNode ? "list" : "scalar")}");

    private IReadOnlyList<YamlNode> Sequence(YamlNode node, string expected) =>
        (node as YamlSequenceNode)?.Children.ToList() ?? throw Error(node, expected + $", not a {(node is YamlMappingNode ? "mapping" : "scalar")}");

    private static bool IsIdentifier(string text) =>
        text.Length > 0 && (char.IsLetter(text[0]) || text[0] == '_') && text.All(c => char.IsLetterOrDigit(c) || c == '_');

    private string Identifier(YamlNode node, string expected)
    {
        var text = Scalar(node, expected).Value ?? string.Empty;
        return IsIdentifier(text) || (expected.Contains("report", StringComparison.Ordinal) && text.Length > 0 && text.All(c => char.IsLetterOrDigit(c) || c is '-' or '_'))
            ? text
            : throw Error(node, $"{expected} (letters, digits and '_'), not '{text}'");
    }

    /// <summary>An identifier that may also hold '-' after its first letter (a profile's or a step's name) when <paramref name="allowDash"/>.</summary>
    private string Identifier(YamlNode node, string expected, bool allowDash)
    {
        if (!allowDash)
        {
            return Identifier(node, expected);
        }

        var text = Scalar(node, expected).Value ?? string.Empty;
        return text.Length > 0 && char.IsLetter(text[0]) && text.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.')
            ? text
            : throw Error(node, $"{expected} (letters, digits, '.', '-' and '_'), not '{text}'");
    }

    private int Int(YamlNode node, string expected) =>
        int.TryParse(Scalar(node, expected).Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : throw Error(node, expected);

    private bool Bool(YamlNode node, string expected) => Scalar(node, expected).Value switch
    {
        "true" => true,
        "false" => false,
        _ => throw Error(node, expected),
    };
}
