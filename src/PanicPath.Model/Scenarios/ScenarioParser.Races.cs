using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Races;
using YamlDotNet.RepresentationModel;

namespace PanicPath.Model.Scenarios;

/// <summary>
/// <c>race:</c> (docs/scenario-language.md, Races): what a second CPU does (<c>does:</c>, entry names) and where on the
/// first CPU's path it starts (<c>at:</c>, <c>every-step</c> or a list of <c>before|after STEP</c>), compiled
/// after the kernel profile, whose labelled steps are the points. The race dimension is <c>none</c>, then every
/// <c>does</c> in the order written, each at every point in the profile's order.
/// </summary>
public sealed partial class ScenarioParser
{
    private static readonly string[] RaceKeys = ["does", "at"];
    private static readonly string[] Moments = ["before", "after"];

    /// <summary>Compiles <paramref name="node"/>, the scenario's <c>race:</c>, once the profile's steps are known.</summary>
    private void ParseRace(YamlNode node)
    {
        if (scenario.Cpus < 2)
        {
            throw Error(node, $"a race on a machine with a second CPU (cpus: 2 or more), not on cpus: {scenario.Cpus}");
        }

        var map = Mapping(node, "a race: a mapping with does and at");
        var fields = Fields(map, RaceKeys);
        if (!fields.TryGetValue("does", out var doesNode) || !fields.TryGetValue("at", out var atNode))
        {
            throw Error(node, "a race with 'does' (what the second CPU does: " + string.Join(", ", EntryNames.All) + ") and 'at' (every-step, or a list of points)");
        }

        var does = new List<EntryPoint>();
        foreach (var item in doesNode is YamlSequenceNode seq ? seq.Children.ToList() : [doesNode])
        {
            var text = Scalar(item, "what the second CPU does: " + string.Join(", ", EntryNames.All)).Value;
            if (!EntryNames.TryParse(text, out var entry))
            {
                throw Error(item, "what the second CPU does: " + string.Join(", ", EntryNames.All) + $", not '{text}'");
            }

            if (does.Contains(entry))
            {
                throw Error(item, $"each of does once; '{text}' is listed above");
            }

            does.Add(entry);
        }

        if (does.Count == 0)
        {
            throw Error(doesNode, "what the second CPU does: at least one of " + string.Join(", ", EntryNames.All));
        }

        NameRaceSteps();
        var points = new List<(int Step, RaceMoment Moment)>();
        if (atNode is YamlScalarNode { Value: "every-step" })
        {
            for (var s = 0; s < scenario.RaceSteps.Count; s++)
            {
                points.Add((s, RaceMoment.Before));
                points.Add((s, RaceMoment.After));
            }
        }
        else
        {
            foreach (var item in atNode is YamlSequenceNode list ? list.Children.ToList() : [atNode])
            {
                var point = RacePoint(Scalar(item, "a point of the race: every-step, or a list of 'before STEP', 'after STEP'"));
                if (points.Contains(point))
                {
                    throw Error(item, $"each point once; '{((YamlScalarNode)item).Value}' is listed above");
                }

                points.Add(point);
            }
        }

        if (points.Count == 0)
        {
            throw Error(atNode, "at least one point of the race: every-step, or a list of 'before STEP', 'after STEP'");
        }

        foreach (var entry in does)
        {
            foreach (var (step, moment) in points)
            {
                var text = $"{EntryNames.Name(entry)} {Moments[(int)moment]} {scenario.RaceSteps[step].Name}";
                scenario.Races.Add(new Race(entry, step, moment, text));
            }
        }
    }

    /// <summary>Names each labelled step: its label for the first function with that label, <c>function.label</c> for the others.</summary>
    private void NameRaceSteps()
    {
        foreach (var step in scenario.RaceSteps)
        {
            step.Name = scenario.RaceSteps.First(s => s.Label == step.Label) == step ? step.Label : $"{step.Function}.{step.Label}";
        }
    }

    /// <summary>
    /// Parses one point of <c>at:</c>: <c>before</c> or <c>after</c>, a space, a labelled step of the profile (its label
    /// alone names the first function's step with that label; <c>function.label</c> any).
    /// </summary>
    private (int Step, RaceMoment Moment) RacePoint(YamlScalarNode node)
    {
        var text = (node.Value ?? string.Empty).Trim();
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var moment = space < 0 ? -1 : Array.IndexOf(Moments, text[..space]);
        if (moment < 0)
        {
            throw Error(node, $"a point of the race: every-step, or 'before STEP' or 'after STEP', not '{text}'");
        }

        var name = text[(space + 1)..].Trim();
        var step = scenario.RaceSteps.FindIndex(s => s.Label == name || $"{s.Function}.{s.Label}" == name);
        if (step < 0)
        {
            var labels = string.Join(", ", scenario.RaceSteps.Select(s => s.Name));
            throw new ScenarioException(ContentAt(node).Shift(space + 1), $"a labelled step of the kernel profile {scenario.Profile.Name} ({labels}), not '{name}'");
        }

        return (step, (RaceMoment)moment);
    }
}
