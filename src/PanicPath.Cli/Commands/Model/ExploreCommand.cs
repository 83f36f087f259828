using System.CommandLine;
using PanicPath.Model.Explorer;
using PanicPath.Model.Scenarios;
using Spectre.Console;
using PanicPath.Cli.Values;

namespace PanicPath.Cli.Commands.Model;

/// <summary>
/// <c>panicpath explore FILE…</c>: runs every configuration of each scenario and prints a table of
/// invariants × configurations and one trace per violation (or, with <c>--json</c>, the report as JSON).
/// Exit code 0 when nothing is violated, 1 when something is, 2 when a file is malformed or its configuration
/// space exceeds <c>--max-configs</c> (checked for every file before any is explored).
/// </summary>
internal static class ExploreCommand
{
    public static Command Create()
    {
        var files = CliValues.ScenarioFiles("files", "Scenario files (YAML).");
        var json = CliValues.Flag("--json", "Print { \"scenario\", \"runs\", \"violations\" } as JSON (one object per file, in an array when several).");
        var maxTraces = CliValues.Count("--max-traces", "Print at most this many traces per scenario (default: one per violation).", int.MaxValue, 0);
        var maxConfigs = CliValues.Count("--max-configs", $"Refuse a scenario whose configuration space (knobs × features × faults × entry points, before constraints) holds more than this many configurations (default {SpaceLimit.DefaultMaxConfigs}).", SpaceLimit.DefaultMaxConfigs, 1);
        var command = new Command("explore", "Run the kernel's panic path in every configuration of the scenarios and report each broken invariant with its trace.");
        command.Arguments.Add(files);
        command.Options.Add(json);
        command.Options.Add(maxTraces);
        command.Options.Add(maxConfigs);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var limit = parse.GetValue(maxTraces);
            var configs = parse.GetValue(maxConfigs);

            var scenarios = new List<Scenario>();
            foreach (var file in parse.GetValue(files) ?? [])
            {
                var scenario = ModelRendering.Load(file, error, configs);
                if (scenario is null)
                {
                    return ExitCodes.BadInput;
                }

                scenarios.Add(scenario);
            }

            var reports = ModelRendering.Located(() => scenarios.Select(s => ScenarioExplorer.Explore(s, configs)).ToList(), error);
            if (reports is null)
            {
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(json))
            {
                output.WriteLine(reports.Count == 1 ? ReportJson.Write(reports[0]) : "[\n" + string.Join(",\n", reports.Select(ReportJson.Write)) + "\n]");
            }
            else
            {
                var console = ModelRendering.Console(output);
                foreach (var report in reports)
                {
                    Render(console, report, limit);
                }
            }

            return reports.All(r => r.Holds) ? ExitCodes.Fine : ExitCodes.Findings;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, ExplorationReport report, int limit)
    {
        console.WriteLine($"{report.Scenario.Name} ({report.Scenario.File}): {report.Runs} runs, {report.Outcomes.Count} configurations with violations, {report.Violations.Count} violations");
        if (report.Scenario.KernelNote is { } note)
        {
            console.WriteLine($"note: {note}");
        }

        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("configuration");
        foreach (var invariant in report.Invariants)
        {
            table.AddColumn(Markup.Escape(invariant));
        }

        foreach (var (configuration, violated) in report.Outcomes)
        {
            var row = new List<string> { ModelRendering.Describe(configuration) };
            row.AddRange(report.Invariants.Select((_, i) => (violated & (1UL << i)) != 0 ? "FAIL" : "ok"));
            table.AddRow(row.ToArray());
        }

        var rest = report.Runs - report.Outcomes.Count;
        if (rest > 0)
        {
            var row = new List<string> { $"the other {rest} configurations" };
            row.AddRange(report.Invariants.Select(_ => "ok"));
            table.AddRow(row.ToArray());
        }

        console.Write(table);
        var shown = 0;
        foreach (var violation in report.Violations)
        {
            if (shown++ >= limit)
            {
                console.WriteLine($"… {report.Violations.Count - limit} more traces (raise --max-traces to see them)");
                break;
            }

            console.WriteLine();
            console.WriteLine($"{violation.Invariant} violated in {string.Join(" ", violation.Configuration.Values.Select(p => $"{p.Key}={p.Value}"))} (ends: {PanicPath.Model.Kernel.BoundaryNames.Name(violation.Outcome)})");
            console.Write(ModelRendering.Trace(violation.Trace));
        }

        console.WriteLine();
    }
}
