using System.CommandLine;
using PanicPath.Model.Explorer;
using PanicPath.Model.Scenarios;
using PanicPath.Cli.Commands.Rendering;
using PanicPath.Cli.Values;

namespace PanicPath.Cli.Commands.Model;

/// <summary>
/// <c>panicpath explore FILE…</c>: runs every configuration of each scenario and prints, per scenario, a summary
/// (runs, configurations with a violation; per invariant its count, at most <c>--conditions</c> conditions that
/// describe its violations with a count each, a compact trace of the largest one's first configuration and the
/// <c>panicpath trace</c> command of the others'), or with <c>--all-traces</c> every violation with its trace as it
/// is found; <c>--json</c> writes the same as JSON. With <c>--html FILE</c> it also writes one page for all the files
/// (<see cref="ExplorePage"/>, through <see cref="HtmlOutput"/>; <c>-</c> puts the page on standard output instead of
/// the text or JSON), opened before anything is explored so that a refused FILE costs nothing. Everything is written
/// as it is made, nothing is held whole.
/// Exit code 0 when nothing is violated, 1 when something is, 2 when a file is malformed or its configuration
/// space exceeds <c>--max-configs</c> (checked for every file before any is explored).
/// </summary>
internal static class ExploreCommand
{
    public static Command Create()
    {
        var files = CliValues.ScenarioFiles("files", "Scenario files (YAML).");
        var json = CliValues.Flag("--json", "Print the summary (with --all-traces: every violation) as JSON, one document per file, several in one document's explorations.");
        var allTraces = CliValues.Flag("--all-traces", "Print every violation with its full trace, as found, instead of the summary.");
        var maxTraces = CliValues.Count("--max-traces", "With --all-traces, print at most this many traces per scenario (default: one per violation).", int.MaxValue, 0);
        var conditions = CliValues.Count("--conditions", $"Describe each invariant's violations with at most this many conditions (default {ExplorationSummary.DefaultConditions}).", ExplorationSummary.DefaultConditions, 0);
        var maxConfigs = CliValues.Count("--max-configs", $"Refuse a scenario whose configuration space (each knob's and feature's values × faults × entry points, before constraints) holds more than this many configurations (default {SpaceLimit.DefaultMaxConfigs}).", SpaceLimit.DefaultMaxConfigs, 1);
        var html = CliValues.OutputFile("--html", "Also write one HTML page for all the files to FILE, mode 0600: per file its violations grouped by invariant, and each condition's configuration with its trace as a timeline; - writes the page to standard output instead of the text or JSON.");
        var command = new Command("explore", "Run the kernel's panic path in every configuration of the scenarios and summarise which invariants break, where, with a trace.");
        command.Arguments.Add(files);
        command.Options.Add(json);
        command.Options.Add(allTraces);
        command.Options.Add(maxTraces);
        command.Options.Add(conditions);
        command.Options.Add(maxConfigs);
        command.Options.Add(html);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var configs = parse.GetValue(maxConfigs);
            var paths = parse.GetValue(files) ?? [];
            var scenarios = new List<(string Path, Scenario Scenario)>();
            foreach (var file in paths)
            {
                var scenario = ModelRendering.Load(file, error, configs);
                if (scenario is null)
                {
                    return ExitCodes.BadInput;
                }

                scenarios.Add((file, scenario));
            }

            using var target = parse.GetValue(html) is { } htmlFile ? HtmlOutput.Open(htmlFile, "--html", output, error, [.. paths.Select(p => (p, "a scenario file explored"))]) : null;
            if (parse.GetValue(html) is not null && target is null)
            {
                return ExitCodes.BadInput;
            }

            var page = target is null ? null : new ExplorePage(target.Writer, parse.GetValue(conditions));
            var options = new ExploreRendering(
                target?.IsStandardOutput == true ? TextWriter.Null : output,
                configs,
                parse.GetValue(conditions),
                parse.GetValue(allTraces) ? parse.GetValue(maxTraces) : -1,
                ExploreProgressBar.ForTerminal(error),
                page is null ? null : page.Add);
            page?.Begin(paths);
            try
            {
                var holds = ModelRendering.Located(() => (object)(parse.GetValue(json) ? options.Json(scenarios) : options.Text(scenarios)), error);
                return holds is null ? ExitCodes.BadInput : (bool)holds ? ExitCodes.Fine : ExitCodes.Findings;
            }
            finally
            {
                page?.End();
            }
        });
        return command;
    }
}
