using System.Text.Json;
using PanicPath.Model.Kernel;

namespace PanicPath.Model.Explorer;

/// <summary>
/// The machine-readable form of an exploration, written straight to a <see cref="Utf8JsonWriter"/> piece by piece,
/// camelCase, each document opening with its <c>"schema"</c> id (the caller's; docs/json.md lists them).
/// The summary: <c>{ "schema", "scenario", "kernel", "runs", "violating", "invariants": [ { "name", "violated", "exact",
/// "uncovered", "conditions": [ { "condition", "count", "config", "outcome", "trace" } ] } ] }</c>, with an
/// <c>"example"</c> (<c>config</c>, <c>outcome</c>, <c>trace</c>) for a violated invariant that has no condition.
/// Every violation (<c>--all-traces</c>): <c>{ "schema", "scenario", "kernel", "violations": [ { "invariant", "config",
/// "outcome", "trace" } ], "runs", "violating", "invariants": [ { "name", "violated" } ] }</c>, the violations
/// written as they are found. A trace step is an object with cpu, timeUs (once the model clock has passed 0), chain,
/// callback, action and change. A <c>"config"</c> maps each dimension's name, spelt as the scenario spells it
/// (<c>panic_on_oops</c>), to its value: its keys are data, not property names. The conditions of a set of violating
/// configurations (<see cref="WriteConditions"/>) are written alike for an exploration and for a diff.
/// </summary>
public static class ReportJson
{
    /// <summary>The name of the property every document opens with: its schema id.</summary>
    public const string SchemaProperty = "schema";

    /// <summary>
    /// Writes the summary of <paramref name="report"/> as one object, <paramref name="schema"/> its <c>"schema"</c>,
    /// flushing <paramref name="writer"/> after each condition and invariant.
    /// </summary>
    public static void WriteSummary(JsonTextWriter writer, string schema, ExplorationReport report, IReadOnlyList<InvariantSummary> summaries)
    {
        var json = writer.Json;
        json.WriteStartObject();
        json.WriteString(SchemaProperty, schema);
        WriteHeader(json, report);
        json.WriteNumber("runs", report.Runs);
        json.WriteNumber("violating", report.Violating().Count());
        json.WriteStartArray("invariants");
        foreach (var summary in summaries)
        {
            json.WriteStartObject();
            json.WriteString("name", summary.Outcome.Invariant.Name);
            json.WriteNumber("violated", summary.Outcome.Count);
            WriteConditions(writer, summary.Exact, summary.Uncovered, summary.Conditions, report.Trace);
            if (summary.Conditions.Count == 0 && summary.Representative >= 0)
            {
                json.WriteStartObject("example");
                WriteRun(json, report.Trace(summary.Representative));
                json.WriteEndObject();
            }

            json.WriteEndObject();
            writer.Flush();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        writer.Flush();
    }

    /// <summary>Writes <c>"scenario"</c> and <c>"kernel"</c>.</summary>
    public static void WriteHeader(Utf8JsonWriter json, ExplorationReport report) => WriteHeader(json, report.Scenario);

    /// <summary>Writes <c>"scenario"</c> and <c>"kernel"</c>.</summary>
    public static void WriteHeader(Utf8JsonWriter json, Scenarios.Scenario scenario)
    {
        json.WriteString("scenario", scenario.Name);
        json.WriteString("kernel", scenario.Profile.Name);
    }

    /// <summary>Writes one violation as found: <c>{ "invariant", "config", "outcome", "trace" }</c>.</summary>
    public static void WriteViolation(Utf8JsonWriter json, Violation violation)
    {
        json.WriteStartObject();
        json.WriteString("invariant", violation.Invariant);
        WriteConfig(json, violation.Configuration);
        json.WriteString("outcome", BoundaryNames.Name(violation.Outcome));
        WriteTrace(json, violation.Trace);
        json.WriteEndObject();
    }

    /// <summary>Writes the totals that end an every-violation document: <c>"runs"</c>, <c>"violating"</c> and each invariant's count.</summary>
    public static void WriteTotals(Utf8JsonWriter json, ExplorationReport report)
    {
        json.WriteNumber("runs", report.Runs);
        json.WriteNumber("violating", report.Violating().Count());
        json.WriteStartArray("invariants");
        foreach (var outcome in report.Invariants)
        {
            json.WriteStartObject();
            json.WriteString("name", outcome.Invariant.Name);
            json.WriteNumber("violated", outcome.Count);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>
    /// Writes <c>"exact"</c>, <c>"uncovered"</c> and <c>"conditions": [ { "condition", "count", "config", "outcome",
    /// "trace" } ]</c>, each condition with the run <paramref name="trace"/> answers for its representative, flushing
    /// <paramref name="writer"/> after each condition.
    /// </summary>
    public static void WriteConditions(
        JsonTextWriter writer, bool exact, long uncovered, IReadOnlyList<SummaryCondition> conditions,
        Func<long, (Configuration Configuration, RunResult Result, IReadOnlyList<TraceStep> Trace)> trace)
    {
        var json = writer.Json;
        json.WriteBoolean("exact", exact);
        json.WriteNumber("uncovered", uncovered);
        json.WriteStartArray("conditions");
        foreach (var condition in conditions)
        {
            json.WriteStartObject();
            json.WriteString("condition", condition.Text);
            json.WriteNumber("count", condition.Count);
            WriteRun(json, trace(condition.Representative));
            json.WriteEndObject();
            writer.Flush();
        }

        json.WriteEndArray();
    }

    /// <summary>Writes one run's <c>"config"</c>, <c>"outcome"</c> and <c>"trace"</c>.</summary>
    public static void WriteRun(Utf8JsonWriter json, (Configuration Configuration, RunResult Result, IReadOnlyList<TraceStep> Trace) run)
    {
        WriteConfig(json, run.Configuration);
        json.WriteString("outcome", BoundaryNames.Name(run.Result.Outcome));
        WriteTrace(json, run.Trace);
    }

    /// <summary>Writes <c>"trace": [ step… ]</c>.</summary>
    public static void WriteTrace(Utf8JsonWriter json, IReadOnlyList<TraceStep> trace)
    {
        json.WriteStartArray("trace");
        foreach (var step in trace)
        {
            WriteStep(json, step);
        }

        json.WriteEndArray();
    }

    /// <summary>Writes <c>"config": {…}</c>.</summary>
    public static void WriteConfig(Utf8JsonWriter json, Configuration configuration)
    {
        json.WriteStartObject("config");
        foreach (var (name, value) in configuration.Values)
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();
    }

    /// <summary>Writes one trace step as an object; <c>"timeUs"</c>, the model clock, only once it has passed 0.</summary>
    public static void WriteStep(Utf8JsonWriter json, TraceStep step)
    {
        json.WriteStartObject();
        json.WriteNumber("cpu", step.Cpu);
        if (step.Time > 0)
        {
            json.WriteNumber("timeUs", step.Time);
        }

        json.WriteString("chain", step.Chain);
        json.WriteString("callback", step.Callback);
        json.WriteString("action", step.Action);
        json.WriteString("change", step.Change);
        json.WriteEndObject();
    }
}
