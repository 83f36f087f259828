using PanicPath.Model.Kernel;
using YamlDotNet.RepresentationModel;

namespace PanicPath.Model.Scenarios;

/// <summary>
/// Invariants: a name, an optional <c>when</c>, and exactly one check (at a boundary, over an event's
/// count, termination, the boundaries the run ends at, an event while a condition holds or by a deadline, an
/// order of events), with only the keys that check takes. At most 64, one bit each in a run's result.
/// </summary>
public sealed partial class ScenarioParser
{
    private static readonly string[] InvariantKeys =
        ["name", "when", "at", "expect", "exactly-once", "at-most-once", "at-least-once", "terminates", "reaches", "happens", "while", "by", "within", "happens-before"];

    private void ParseInvariant(YamlMappingNode map)
    {
        var fields = Fields(map, InvariantKeys);
        var name = fields.TryGetValue("name", out var n) ? Scalar(n, "the invariant's name").Value! : throw Error(map, "a 'name' for the invariant");
        if (scenario.Invariants.FirstOrDefault(i => i.Name == name) is { } first)
        {
            throw Error(map, Clash("invariant", name, first.Location));
        }

        if (scenario.Invariants.Count == 64)
        {
            throw Error(map, "at most 64 invariants");
        }

        // 'expect' is the check of 'at', and the optional state check of 'reaches'; 'by' is a check of its own (a time
        // bound) without 'happens'.
        var kinds = new[] { "expect", "exactly-once", "at-most-once", "at-least-once", "terminates", "reaches", "happens", "happens-before", "by" }
            .Where(k => fields.ContainsKey(k) && !(k == "expect" && fields.ContainsKey("reaches")) && !(k == "by" && fields.ContainsKey("happens"))).ToList();
        if (kinds.Count != 1)
        {
            throw Error(map, "exactly one check: at+expect, exactly-once, at-most-once, at-least-once, terminates, reaches (+expect), happens+while/by, by+within, or happens-before");
        }

        var within = fields.TryGetValue("within", out var bound) ? DurationOf(bound) : -1;

        var index = scenario.Invariants.Count;
        Invariant invariant;
        switch (kinds[0])
        {
            case "expect":
                invariant = new Invariant(index, name, InvariantKind.AtBoundary, At(map))
                {
                    Condition = Condition(Scalar(fields["expect"], "a condition")),
                    Boundaries = fields.TryGetValue("at", out var at) ? Boundaries(at) : throw Error(map, "'at: [boundaries]' with 'expect'"),
                };
                break;
            case "exactly-once":
                invariant = new Invariant(index, name, InvariantKind.ExactlyOnce, At(map)) { EventA = EventIndex(fields["exactly-once"], declare: false) };
                break;
            case "at-most-once":
                invariant = new Invariant(index, name, InvariantKind.AtMostOnce, At(map)) { EventA = EventIndex(fields["at-most-once"], declare: false) };
                break;
            case "at-least-once":
                invariant = new Invariant(index, name, InvariantKind.AtLeastOnce, At(map)) { EventA = EventIndex(fields["at-least-once"], declare: false) };
                break;
            case "terminates":
                if (!Bool(fields["terminates"], "terminates: true"))
                {
                    throw Error(fields["terminates"], "terminates: true");
                }

                invariant = new Invariant(index, name, InvariantKind.Terminates, At(map));
                break;
            case "reaches":
                invariant = new Invariant(index, name, InvariantKind.Reaches, At(map))
                {
                    Boundaries = Boundaries(fields["reaches"], ref within),
                    Condition = fields.TryGetValue("expect", out var expect) ? Condition(Scalar(expect, "a condition")) : null,
                };
                break;
            case "happens":
                if (!fields.ContainsKey("while") && !fields.ContainsKey("by") && within < 0)
                {
                    throw Error(map, "'while: condition', 'by: [boundaries]', 'within: duration' or several with 'happens'");
                }

                invariant = new Invariant(index, name, InvariantKind.HappensWhile, At(map))
                {
                    EventA = EventIndex(fields["happens"], declare: false),
                    Condition = fields.TryGetValue("while", out var w) ? Condition(Scalar(w, "a condition")) : null,
                    Boundaries = fields.TryGetValue("by", out var by) ? Boundaries(by, ref within) : 0,
                };
                break;
            case "by":
                invariant = new Invariant(index, name, InvariantKind.ReachedWithin, At(map)) { Boundaries = Boundaries(fields["by"], ref within) };
                if (within < 0)
                {
                    throw Error(fields["by"], "a time bound with a 'by' that has no 'happens': 'by: crash-kernel-boot within 10s', or 'within: 10s'");
                }

                break;
            default:
                {
                    var pair = Fields(Mapping(fields["happens-before"], "{ first: event, then: event }"), ["first", "then"]);
                    if (pair.Count != 2)
                    {
                        throw Error(fields["happens-before"], "both 'first' and 'then'");
                    }

                    invariant = new Invariant(index, name, InvariantKind.HappensBefore, At(map))
                    {
                        EventA = EventIndex(pair["first"], declare: false),
                        EventB = EventIndex(pair["then"], declare: false),
                    };
                    break;
                }
        }

        foreach (var extra in new[] { "at", "while" })
        {
            var owner = extra switch { "at" => "expect", _ => "happens" };
            if (fields.TryGetValue(extra, out var node) && kinds[0] != owner)
            {
                throw Error(node, $"'{extra}' only with '{owner}'");
            }
        }

        if (fields.TryGetValue("within", out var withinNode) && kinds[0] is not ("reaches" or "happens" or "by"))
        {
            throw Error(withinNode, "'within' only with 'reaches', 'happens' or 'by'");
        }

        invariant.Within = within;

        if (fields.TryGetValue("when", out var when))
        {
            invariant.When = Condition(Scalar(when, "a condition"));
        }

        scenario.Invariants.Add(invariant);
    }

    private static string BoundaryList(string text) => $"one of the boundaries {string.Join(", ", BoundaryNames.Usable)}, not '{text}'";

    /// <summary>
    /// The boundaries of <paramref name="node"/>, a scalar of which may end in a time bound, <c>crash-kernel-boot
    /// within 10s</c>: that bound goes to <paramref name="within"/>, refused when a <c>within:</c> key gave one already.
    /// </summary>
    private int Boundaries(YamlNode node, ref long within)
    {
        if (node is YamlScalarNode scalar && scalar.Value is { } text && text.IndexOf(" within ", StringComparison.Ordinal) is var cut and > 0)
        {
            var start = ContentAt(scalar);
            if (within >= 0)
            {
                throw new ScenarioException(start.Shift(cut + 1), "one time bound: 'within' in the boundary or a 'within:' key, not both");
            }

            var after = cut + " within ".Length;
            within = DurationAt(text[after..], start.Shift(after));
            scenario.UsesTime = true;
            var name = text[..cut].Trim();
            var lead = text.Length - text.TrimStart().Length;
            return BoundaryNames.TryParse(name, out var b) ? 1 << (int)b : throw new ScenarioException(start.Shift(lead), BoundaryList(name));
        }

        return Boundaries(node);
    }

    private int Boundaries(YamlNode node)
    {
        var items = node is YamlSequenceNode seq ? seq.Children.ToList() : [node];
        if (items.Count == 0)
        {
            throw Error(node, "at least one boundary");
        }

        var mask = 0;
        foreach (var item in items)
        {
            var text = Scalar(item, "a boundary").Value!;
            mask |= BoundaryNames.TryParse(text, out var b) ? 1 << (int)b : throw Error(item, BoundaryList(text));
        }

        return mask;
    }
}
