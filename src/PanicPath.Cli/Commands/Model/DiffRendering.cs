using System.Globalization;
using PanicPath.Cli.Commands.Rendering;
using PanicPath.Model.Diff;
using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel;

namespace PanicPath.Cli.Commands.Model;

/// <summary>
/// What <c>diff</c> prints, written as it is made. A header (each side's runs, the configurations compared, the
/// dimensions only one side has), then per invariant either <c>unchanged</c> or, for its newly violated and its fixed
/// configurations, the count, the conditions that describe them (count and text, largest first, and whether they
/// describe every one), numbered as <c>explore</c> numbers them, a compact trace of the largest condition's first
/// configuration on the side that violates (new for newly violated, old for fixed) and the <c>panicpath trace</c>
/// command of each other condition's; then,
/// per value of a dimension only one side has, what it fixes and breaks. With <c>--traces</c> every condition's first
/// configuration gets its full trace; with <c>--list</c> every changed configuration is listed. The same as JSON:
/// <c>{ "schema", "old": {scenario, kernel, runs}, "new": {…}, "compared", "dimensions": [ {name, side, values} ],
/// "invariants": [ { "name", "newlyViolated": {count, exact, uncovered, conditions: [ {condition, count, config,
/// outcome, trace} ], configurations?}, "fixed": {…}, "values": [ {dimension, onlyIn, value, fixes, breaks,
/// compared} ] } ], "newlyViolated" }</c> (<see cref="JsonSchemas.Diff"/>; the conditions as <see cref="ReportJson"/>
/// writes an exploration's, each of <c>configurations</c> a map from dimension name to value), flushed after each condition.
/// </summary>
internal sealed class DiffRendering(TextWriter output, string oldPath, string newPath, int conditions, bool traces, bool list)
{
    /// <summary>Prints <paramref name="diff"/> as text.</summary>
    public void Text(DiffReport diff)
    {
        output.WriteLine(Format($"{diff.Old.Scenario.Name} ({diff.Old.Runs} runs) → {diff.New.Scenario.Name} ({diff.New.Runs} runs): {diff.ComparedCount} configurations compared"));
        foreach (var (side, name) in new[] { (DimensionSide.OldOnly, diff.Old.Scenario.Name), (DimensionSide.NewOnly, diff.New.Scenario.Name) })
        {
            var only = Enumerable.Range(0, diff.Space.Radix.Count).Where(d => diff.Space.Sides[d] == side).ToList();
            if (only.Count > 0)
            {
                output.WriteLine($"only in {name}: {string.Join(", ", only.Select(d => $"{diff.Space.Dimensions[d].Name} ({string.Join(", ", diff.Space.Dimensions[d].Values)})"))}");
            }
        }

        var newly = 0;
        foreach (var invariant in diff.Invariants)
        {
            if (invariant.NewCount == 0 && invariant.FixedCount == 0)
            {
                output.WriteLine($"{invariant.Invariant}: unchanged");
                continue;
            }

            newly += invariant.NewCount > 0 ? 1 : 0;
            ModelRendering.Line(output, Format($"{invariant.Invariant}: newly violated in {invariant.NewCount}, fixed in {invariant.FixedCount}"), invariant.NewCount > 0 ? "red" : "green");
            TextChange(diff, "newly violated", invariant.Newly, isNew: true);
            TextChange(diff, "fixed", invariant.Fixed, isNew: false);
            foreach (var effect in invariant.Effects.Where(e => e.Fixes > 0 || e.Breaks > 0))
            {
                var dimension = diff.Space.Dimensions[effect.Dimension].Name;
                var side = diff.Space.Sides[effect.Dimension] == DimensionSide.NewOnly ? diff.New.Scenario.Name : diff.Old.Scenario.Name;
                var what = string.Join(" and ", new[] { (effect.Fixes, "fixes"), (effect.Breaks, "breaks") }.Where(p => p.Item1 > 0).Select(p => Format($"{p.Item2} it in {p.Item1}")));
                output.WriteLine(Format($"  {dimension}={effect.Value} (only in {side}) {what} of {effect.Compared} compared"));
            }
        }

        output.WriteLine();
        ModelRendering.Line(output, newly == 0 ? "nothing newly violated" : Format($"{newly} invariants newly violated"), newly == 0 ? "green" : "red");
    }

    private void TextChange(DiffReport diff, string title, BitSet changed, bool isNew)
    {
        var summary = ChangeSummary.Of(diff, changed, conditions);
        if (summary.Count == 0)
        {
            return;
        }

        var (report, path, side) = isNew ? (diff.New, newPath, "new") : (diff.Old, oldPath, "old");
        output.WriteLine(Format($"  {title} in {summary.Count} configurations (traced in {side}, {report.Scenario.Name}):"));
        for (var i = 0; i < summary.Conditions.Count; i++)
        {
            output.WriteLine(Format($"    [{i + 1}] {summary.Conditions[i].Count,7}  {summary.Conditions[i].Text}"));
        }

        if (summary.Conditions.Count > 0)
        {
            output.WriteLine(summary.Exact
                ? "    these conditions describe every one of them"
                : Format($"    these conditions leave {summary.Uncovered} of them out (raise --conditions)"));
        }

        var firsts = summary.Conditions.Count > 0 ? summary.Conditions.Select(c => c.Representative).ToList() : [changed.Next(0)];
        for (var i = 0; i < firsts.Count; i++)
        {
            var label = summary.Conditions.Count > 0 ? Format($"[{i + 1}]") : "first:";
            var index = isNew ? diff.Space.NewIndex(firsts[i]) : diff.Space.OldIndex(firsts[i]);
            if (i > 0 && !traces)
            {
                output.WriteLine($"    {label} {ModelRendering.TraceCommand(path, report, index)}");
                continue;
            }

            var run = report.Trace(index);
            output.WriteLine($"    {label} {Pairs(run.Configuration)} (ends: {BoundaryNames.Name(run.Result.Outcome)})");
            if (traces)
            {
                ModelRendering.Console(output).Write(ModelRendering.Trace(run.Trace));
            }
            else
            {
                foreach (var line in ModelRendering.CompactTrace(run.Trace))
                {
                    output.WriteLine($"      {line}");
                }
            }
        }

        if (list)
        {
            foreach (var index in changed.Ones())
            {
                output.WriteLine($"    {string.Join(" ", diff.Space.Describe(index).Select(p => $"{p.Key}={p.Value}"))}");
            }
        }
    }

    /// <summary>Prints <paramref name="diff"/> as JSON, flushing after each condition.</summary>
    public void Json(DiffReport diff)
    {
        using var writer = new JsonTextWriter(output);
        var json = writer.Json;
        json.WriteStartObject();
        json.WriteString(ReportJson.SchemaProperty, JsonSchemas.Diff);
        foreach (var (name, report) in new[] { ("old", diff.Old), ("new", diff.New) })
        {
            json.WriteStartObject(name);
            ReportJson.WriteHeader(json, report);
            json.WriteNumber("runs", report.Runs);
            json.WriteEndObject();
        }

        json.WriteNumber("compared", diff.ComparedCount);
        json.WriteStartArray("dimensions");
        for (var d = 0; d < diff.Space.Radix.Count; d++)
        {
            json.WriteStartObject();
            json.WriteString("name", diff.Space.Dimensions[d].Name);
            json.WriteString("side", Side(diff.Space.Sides[d]));
            json.WriteStartArray("values");
            foreach (var value in diff.Space.Dimensions[d].Values)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        writer.Flush();
        json.WriteStartArray("invariants");
        foreach (var invariant in diff.Invariants)
        {
            json.WriteStartObject();
            json.WriteString("name", invariant.Invariant);
            JsonChange(writer, diff, "newlyViolated", invariant.Newly, isNew: true);
            JsonChange(writer, diff, "fixed", invariant.Fixed, isNew: false);
            json.WriteStartArray("values");
            foreach (var effect in invariant.Effects)
            {
                json.WriteStartObject();
                json.WriteString("dimension", diff.Space.Dimensions[effect.Dimension].Name);
                json.WriteString("onlyIn", Side(diff.Space.Sides[effect.Dimension]));
                json.WriteString("value", effect.Value);
                json.WriteNumber("fixes", effect.Fixes);
                json.WriteNumber("breaks", effect.Breaks);
                json.WriteNumber("compared", effect.Compared);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            writer.Flush();
        }

        json.WriteEndArray();
        json.WriteNumber("newlyViolated", diff.Invariants.Count(i => i.NewCount > 0));
        json.WriteEndObject();
        writer.Flush();
        output.WriteLine();
    }

    private void JsonChange(JsonTextWriter writer, DiffReport diff, string name, BitSet changed, bool isNew)
    {
        var json = writer.Json;
        var summary = ChangeSummary.Of(diff, changed, conditions);
        json.WriteStartObject(name);
        json.WriteNumber("count", summary.Count);
        ReportJson.WriteConditions(writer, summary.Exact, summary.Uncovered, summary.Conditions, isNew ? diff.TraceNew : diff.TraceOld);
        if (list)
        {
            json.WriteStartArray("configurations");
            foreach (var index in changed.Ones())
            {
                json.WriteStartObject();
                foreach (var (key, value) in diff.Space.Describe(index))
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
                writer.Flush();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static string Side(DimensionSide side) => side switch { DimensionSide.OldOnly => "old", DimensionSide.NewOnly => "new", _ => "both" };

    private static string Pairs(Configuration configuration) => string.Join(" ", configuration.Values.Select(p => $"{p.Key}={p.Value}"));

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
