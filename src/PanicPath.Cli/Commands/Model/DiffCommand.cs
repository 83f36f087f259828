using System.CommandLine;
using System.Text;
using System.Text.Json;
using PanicPath.Model.Diff;
using PanicPath.Model.Explorer;
using Spectre.Console;
using PanicPath.Cli.Values;

namespace PanicPath.Cli.Commands.Model;

/// <summary>
/// <c>panicpath diff OLD NEW</c>: the configurations whose outcome changed between two scenarios — new
/// violations (with a trace each) and fixed ones. Exit code 1 when NEW adds a violation, 0 otherwise,
/// 2 for a malformed file or a configuration space past <c>--max-configs</c>.
/// </summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var oldFile = CliValues.ScenarioFile("old", "The scenario before the change.");
        var newFile = CliValues.ScenarioFile("new", "The scenario after the change.");
        var json = CliValues.Flag("--json", "Print { \"old\", \"new\", \"new_violations\", \"fixed_violations\" } as JSON.");
        var traces = CliValues.Flag("--traces", "Print a trace for each new violation.");
        var list = CliValues.Flag("--list", "List every changed configuration, not only the summary per invariant.");
        var maxConfigs = CliValues.Count("--max-configs", $"Refuse a scenario whose configuration space (each knob's and feature's values × faults × entry points, before constraints) holds more than this many configurations (default {SpaceLimit.DefaultMaxConfigs}).", SpaceLimit.DefaultMaxConfigs, 1);
        var command = new Command("diff", "List the configurations whose outcome changed between two scenarios: new violations and fixed ones.");
        command.Arguments.Add(oldFile);
        command.Arguments.Add(newFile);
        command.Options.Add(json);
        command.Options.Add(traces);
        command.Options.Add(list);
        command.Options.Add(maxConfigs);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var configs = parse.GetValue(maxConfigs);
            var old = ModelRendering.Load(parse.GetValue(oldFile)!, error, configs);
            var @new = old is null ? null : ModelRendering.Load(parse.GetValue(newFile)!, error, configs);
            if (old is null || @new is null)
            {
                return ExitCodes.BadInput;
            }

            var diff = ModelRendering.Located(() => ScenarioDiff.Compare(old, @new, configs), error);
            if (diff is null)
            {
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(json))
            {
                output.WriteLine(Json(diff));
            }
            else
            {
                Render(ModelRendering.Console(output), diff, parse.GetValue(traces), parse.GetValue(list));
            }

            return diff.NewViolations.Count > 0 ? ExitCodes.Findings : ExitCodes.Fine;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, DiffReport diff, bool traces, bool list)
    {
        console.WriteLine($"{diff.Old.Scenario.Name} ({diff.Old.Runs} runs) → {diff.New.Scenario.Name} ({diff.New.Runs} runs), compared on: {string.Join(", ", diff.SharedDimensions)}");
        foreach (var (title, entries) in new[] { ("new violations", diff.NewViolations), ("fixed violations", diff.FixedViolations) })
        {
            console.WriteLine($"{entries.Count} {title}");
            if (entries.Count == 0)
            {
                continue;
            }

            var summary = new Table().Border(TableBorder.Simple);
            summary.AddColumn("invariant");
            summary.AddColumn("configurations");
            summary.AddColumn("common to all of them");
            foreach (var group in entries.GroupBy(e => e.Invariant))
            {
                summary.AddRow(Markup.Escape(group.Key), group.Count().ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(Common(group.ToList())));
            }

            console.Write(summary);
            if (list)
            {
                var table = new Table().Border(TableBorder.Simple);
                table.AddColumn("invariant");
                table.AddColumn("configuration");
                foreach (var entry in entries)
                {
                    table.AddRow(Markup.Escape(entry.Invariant), Markup.Escape(string.Join(" ", entry.Config.Select(p => $"{p.Key}={p.Value}"))));
                }

                console.Write(table);
            }
        }

        if (traces)
        {
            foreach (var entry in diff.NewViolations)
            {
                console.WriteLine();
                console.WriteLine($"{entry.Invariant} newly violated in {ModelRendering.Describe(entry.Example.Configuration)}");
                console.Write(ModelRendering.Trace(entry.Example.Trace));
            }
        }
    }

    /// <summary>The name=value pairs every entry shares: what the changed configurations have in common.</summary>
    private static string Common(List<DiffEntry> entries) =>
        string.Join(" ", entries[0].Config
            .Where(pair => entries.All(e => e.Config.First(p => p.Key == pair.Key).Value == pair.Value))
            .Select(p => $"{p.Key}={p.Value}"));

    private static string Json(DiffReport diff)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("old", diff.Old.Scenario.Name);
            json.WriteString("new", diff.New.Scenario.Name);
            json.WriteStartObject("runs");
            json.WriteNumber("old", diff.Old.Runs);
            json.WriteNumber("new", diff.New.Runs);
            json.WriteEndObject();
            foreach (var (name, entries) in new[] { ("new_violations", diff.NewViolations), ("fixed_violations", diff.FixedViolations) })
            {
                json.WriteStartArray(name);
                foreach (var entry in entries)
                {
                    json.WriteStartObject();
                    json.WriteString("invariant", entry.Invariant);
                    json.WriteStartObject("config");
                    foreach (var (key, value) in entry.Config)
                    {
                        json.WriteString(key, value);
                    }

                    json.WriteEndObject();
                    json.WriteStartArray("trace");
                    foreach (var step in entry.Example.Trace)
                    {
                        ReportJson.WriteStep(json, step);
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
