using System.CommandLine;
using System.Text;
using System.Text.Json;
using PanicPath.Cli.Commands.Rendering;
using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios;
using Spectre.Console;
using PanicPath.Cli.Values;

namespace PanicPath.Cli.Commands.Model;

/// <summary>
/// <c>panicpath trace FILE --config k=v,…</c>: runs one configuration (unnamed dimensions take their first
/// value) and prints every step, the boundary reached and each invariant's verdict. Exit code 0 when the
/// run holds every invariant, 1 when it breaks one, 2 for a malformed file or configuration, or a configuration the
/// file's constraints exclude (named with the constraint's text and place). <c>--json</c>: <c>{ schema, scenario, config,
/// outcome, violated, trace }</c> (<see cref="JsonSchemas.Trace"/>).
/// </summary>
internal static class TraceCommand
{
    public static Command Create()
    {
        var file = CliValues.ScenarioFile("file", "A scenario file (YAML).");
        var config = CliValues.Configuration("--config", "The configuration, as name=value pairs separated by commas (knobs, features, fault, entry).");
        var json = CliValues.Flag("--json", "Print the run as JSON.");
        var command = new Command("trace", "Run one configuration of a scenario and print its full trace.");
        command.Arguments.Add(file);
        command.Options.Add(config);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var scenario = ModelRendering.Load(parse.GetValue(file)!, error);
            if (scenario is null)
            {
                return ExitCodes.BadInput;
            }

            (Configuration Configuration, RunResult Result, IReadOnlyList<TraceStep> Trace) run;
            try
            {
                run = ScenarioExplorer.Trace(scenario, parse.GetValue(config) ?? string.Empty);
            }
            catch (ArgumentException e)
            {
                error.WriteLine($"panicpath: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (ScenarioException e)
            {
                error.WriteLine($"panicpath: {e.Message}");
                return ExitCodes.BadInput;
            }

            var verdicts = scenario.Invariants.Select(i => (i.Name, Violated: run.Result.Violates(i.Index))).ToList();
            if (parse.GetValue(json))
            {
                output.WriteLine(Json(scenario.Name, run, verdicts));
            }
            else
            {
                var console = ModelRendering.Console(output);
                console.WriteLine($"{scenario.Name}: {ModelRendering.Describe(run.Configuration)}");
                console.Write(ModelRendering.Trace(run.Trace));
                console.WriteLine($"ends: {BoundaryNames.Name(run.Result.Outcome)}{(run.Result.HangReason is { } why ? " (" + why + ")" : string.Empty)}");
                foreach (var (name, violated) in verdicts)
                {
                    console.MarkupLine(violated ? $"[red]FAIL[/] {Markup.Escape(name)}" : $"[green]ok[/]   {Markup.Escape(name)}");
                }
            }

            return verdicts.Any(v => v.Violated) ? ExitCodes.Findings : ExitCodes.Fine;
        });
        return command;
    }

    private static string Json(string scenario, (Configuration Configuration, RunResult Result, IReadOnlyList<TraceStep> Trace) run, List<(string Name, bool Violated)> verdicts)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString(ReportJson.SchemaProperty, JsonSchemas.Trace);
            json.WriteString("scenario", scenario);
            ReportJson.WriteConfig(json, run.Configuration);
            json.WriteString("outcome", BoundaryNames.Name(run.Result.Outcome));
            json.WriteStartArray("violated");
            foreach (var (name, violated) in verdicts)
            {
                if (violated)
                {
                    json.WriteStringValue(name);
                }
            }

            json.WriteEndArray();
            ReportJson.WriteTrace(json, run.Trace);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
