using System.Globalization;
using PanicPath.Cli.Commands.Rendering;
using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios;

namespace PanicPath.Cli.Commands.Model;

/// <summary>
/// What <c>explore</c> prints, written as it is made. The summary (default), per scenario: a header (runs,
/// configurations with a violation), then per invariant either <c>holds</c> or its count, its conditions numbered
/// <c>[1]</c>, <c>[2]</c>… (count and text, largest first, and whether they describe every violation), the first
/// configuration of <c>[1]</c> with its compact trace (<see cref="ModelRendering.CompactTrace"/>), and for each other
/// condition, under its number, the <c>panicpath trace</c> command that shows its first configuration in full. With every trace
/// (<c>maxTraces</c> ≥ 0): each violation as found with its full trace, at most that many, then the counts.
/// Both also as JSON (<see cref="ReportJson"/>). Each scenario's report, once explored, is also handed to
/// <c>explored</c> with the scenario's path (<c>explore --html</c> writes its page from it, <see cref="ExplorePage"/>).
/// </summary>
internal sealed class ExploreRendering(TextWriter output, long maxConfigs, int conditions, int maxTraces, ExploreProgressBar? progress, Action<string, ExplorationReport>? explored = null)
{
    /// <summary>Explores each scenario and prints it as text; answers true when every invariant holds in all of them.</summary>
    public bool Text(IReadOnlyList<(string Path, Scenario Scenario)> scenarios)
    {
        var holds = true;
        foreach (var (path, scenario) in scenarios)
        {
            holds &= maxTraces >= 0 ? TextAllTraces(path, scenario) : TextSummary(path, scenario);
        }

        return holds;
    }

    /// <summary>
    /// Explores each scenario and prints it as JSON, one document per scenario (<see cref="JsonSchemas.Explore"/>, with
    /// every trace <see cref="JsonSchemas.ExploreViolations"/>), several in one <see cref="JsonSchemas.Explorations"/>
    /// document's <c>explorations</c>; answers true when every invariant holds.
    /// </summary>
    public bool Json(IReadOnlyList<(string Path, Scenario Scenario)> scenarios)
    {
        var holds = true;
        using var writer = new JsonTextWriter(output);
        if (scenarios.Count > 1)
        {
            writer.Json.WriteStartObject();
            writer.Json.WriteString(ReportJson.SchemaProperty, JsonSchemas.Explorations);
            writer.Json.WriteStartArray("explorations");
        }

        foreach (var (path, scenario) in scenarios)
        {
            if (maxTraces >= 0)
            {
                writer.Json.WriteStartObject();
                writer.Json.WriteString(ReportJson.SchemaProperty, JsonSchemas.ExploreViolations);
                ReportJson.WriteHeader(writer.Json, scenario);
                writer.Json.WriteStartArray("violations");
                var shown = 0;
                var report = Explore(path, scenario, violation =>
                {
                    if (shown++ < maxTraces)
                    {
                        ReportJson.WriteViolation(writer.Json, violation);
                        writer.Flush();
                    }
                });
                writer.Json.WriteEndArray();
                ReportJson.WriteTotals(writer.Json, report);
                writer.Json.WriteEndObject();
                holds &= report.Holds;
            }
            else
            {
                var report = Explore(path, scenario, null);
                ReportJson.WriteSummary(writer, JsonSchemas.Explore, report, ExplorationSummary.Summarize(report, conditions));
                holds &= report.Holds;
            }

            writer.Flush();
        }

        if (scenarios.Count > 1)
        {
            writer.Json.WriteEndArray();
            writer.Json.WriteEndObject();
        }

        writer.Flush();
        output.WriteLine();
        return holds;
    }

    private ExplorationReport Explore(string path, Scenario scenario, Action<Violation>? onViolation)
    {
        ExplorationReport report;
        if (progress is null)
        {
            report = ScenarioExplorer.Explore(scenario, maxConfigs, onViolation);
        }
        else
        {
            var counter = new ExplorationProgress();
            report = progress.Run(scenario.Name, counter, () => ScenarioExplorer.Explore(scenario, maxConfigs, onViolation, counter));
        }

        explored?.Invoke(path, report);
        return report;
    }

    private bool TextSummary(string path, Scenario scenario)
    {
        var report = Explore(path, scenario, null);
        output.WriteLine(Header(report));
        Note(scenario);
        foreach (var summary in ExplorationSummary.Summarize(report, conditions))
        {
            var name = summary.Outcome.Invariant.Name;
            if (summary.Outcome.Count == 0)
            {
                ModelRendering.Line(output, $"{name}: holds", "green");
                continue;
            }

            ModelRendering.Line(output, Invariant.Format($"{name}: violated in {summary.Outcome.Count} configurations"), "red");
            for (var i = 0; i < summary.Conditions.Count; i++)
            {
                output.WriteLine(Invariant.Format($"  [{i + 1}] {summary.Conditions[i].Count,7}  {summary.Conditions[i].Text}"));
            }

            if (summary.Conditions.Count > 0)
            {
                output.WriteLine(summary.Exact
                    ? "  these conditions describe every violating configuration"
                    : Invariant.Format($"  these conditions leave {summary.Uncovered} violating configurations out (raise --conditions)"));
            }

            var first = summary.Conditions.Count > 0 ? summary.Conditions[0].Representative : summary.Representative;
            var run = report.Trace(first);
            output.WriteLine($"  {(summary.Conditions.Count > 0 ? "[1]" : "first:")} {Pairs(run.Configuration)} (ends: {BoundaryNames.Name(run.Result.Outcome)})");
            foreach (var line in ModelRendering.CompactTrace(run.Trace))
            {
                output.WriteLine($"    {line}");
            }

            for (var i = 1; i < summary.Conditions.Count; i++)
            {
                output.WriteLine(Invariant.Format($"  [{i + 1}] {ModelRendering.TraceCommand(path, report, summary.Conditions[i].Representative)}"));
            }
        }

        output.WriteLine();
        return report.Holds;
    }

    private bool TextAllTraces(string path, Scenario scenario)
    {
        output.WriteLine($"{scenario.Name} ({scenario.File}): every violation as found");
        Note(scenario);
        var console = ModelRendering.Console(output);
        long violations = 0;
        var report = Explore(path, scenario, violation =>
        {
            if (violations++ < maxTraces)
            {
                output.WriteLine();
                output.WriteLine($"{violation.Invariant} violated in {Pairs(violation.Configuration)} (ends: {BoundaryNames.Name(violation.Outcome)})");
                console.Write(ModelRendering.Trace(violation.Trace));
            }
        });
        if (violations > maxTraces)
        {
            output.WriteLine(Invariant.Format($"… {violations - maxTraces} more traces (raise --max-traces to see them)"));
        }

        output.WriteLine();
        output.WriteLine(Invariant.Format($"{Header(report)}, {violations} violations"));
        foreach (var outcome in report.Invariants)
        {
            ModelRendering.Line(output, outcome.Count == 0 ? $"{outcome.Invariant.Name}: holds" : Invariant.Format($"{outcome.Invariant.Name}: violated in {outcome.Count} configurations"), outcome.Count == 0 ? "green" : "red");
        }

        output.WriteLine();
        return report.Holds;
    }

    private void Note(Scenario scenario)
    {
        if (scenario.KernelNote is { } note)
        {
            output.WriteLine($"note: {note}");
        }
    }

    private static string Header(ExplorationReport report) =>
        Invariant.Format($"{report.Scenario.Name} ({report.Scenario.File}): {report.Runs} runs, {report.Violating().Count()} configurations with a violation");

    private static string Pairs(Configuration configuration) => string.Join(" ", configuration.Values.Select(p => $"{p.Key}={p.Value}"));
}

/// <summary>Invariant-culture formatting for the explorer's numbers.</summary>
file static class Invariant
{
    public static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
