using System.CommandLine;
using PanicPath.Model.Diff;
using PanicPath.Model.Explorer;
using PanicPath.Cli.Values;

namespace PanicPath.Cli.Commands.Model;

/// <summary>
/// <c>panicpath diff OLD NEW</c>: what changed between two scenarios, per invariant — the configurations newly
/// violated and those fixed, each summarised in at most <c>--conditions</c> conditions with a count and a trace of
/// the largest one's first configuration — and, for a knob or feature only one file has, what each of its values
/// fixes and breaks (<see cref="DiffRendering"/>). Exit code 1 when NEW newly violates something, 0 otherwise,
/// 2 for a malformed file or a space past <c>--max-configs</c>.
/// </summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var oldFile = CliValues.ScenarioFile("old", "The scenario before the change.");
        var newFile = CliValues.ScenarioFile("new", "The scenario after the change.");
        var json = CliValues.Flag("--json", "Print the comparison as JSON, written as it is made.");
        var traces = CliValues.Flag("--traces", "Print the full trace of every condition's first configuration, not only a compact one of the first.");
        var list = CliValues.Flag("--list", "List every changed configuration as well as the conditions.");
        var conditions = CliValues.Count("--conditions", $"Describe each invariant's new and fixed violations with at most this many conditions each (default {ExplorationSummary.DefaultConditions}).", ExplorationSummary.DefaultConditions, 0);
        var maxConfigs = CliValues.Count("--max-configs", $"Refuse a scenario whose configuration space (each knob's and feature's values × faults × entry points, before constraints), or the compared space, holds more than this many configurations (default {SpaceLimit.DefaultMaxConfigs}).", SpaceLimit.DefaultMaxConfigs, 1);
        var command = new Command("diff", "Compare two scenarios: per invariant the configurations newly violated and fixed, as conditions, and what a knob only one of them has changes.");
        command.Arguments.Add(oldFile);
        command.Arguments.Add(newFile);
        command.Options.Add(json);
        command.Options.Add(traces);
        command.Options.Add(list);
        command.Options.Add(conditions);
        command.Options.Add(maxConfigs);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var configs = parse.GetValue(maxConfigs);
            var (oldPath, newPath) = (parse.GetValue(oldFile)!, parse.GetValue(newFile)!);
            var old = ModelRendering.Load(oldPath, error, configs);
            var @new = old is null ? null : ModelRendering.Load(newPath, error, configs);
            if (old is null || @new is null)
            {
                return ExitCodes.BadInput;
            }

            var diff = ModelRendering.Located(() => ScenarioDiff.Compare(old, @new, configs), error);
            if (diff is null)
            {
                return ExitCodes.BadInput;
            }

            var rendering = new DiffRendering(output, oldPath, newPath, parse.GetValue(conditions), parse.GetValue(traces), parse.GetValue(list));
            if (parse.GetValue(json))
            {
                rendering.Json(diff);
            }
            else
            {
                rendering.Text(diff);
            }

            return diff.NewlyViolated ? ExitCodes.Findings : ExitCodes.Fine;
        });
        return command;
    }
}
