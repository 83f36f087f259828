using System.Globalization;
using System.Text;
using PanicPath.Cli.Timeline;
using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel;

namespace PanicPath.Cli.Commands.Model;

/// <summary>
/// <c>explore FILES… --html FILE</c>: one page for all the files explored, written as each is explored (nothing is held
/// but the scenario at hand), in the page shell (<see cref="HtmlPage"/>). <see cref="Begin"/> writes the head and the
/// <c>&lt;h1&gt;</c>; <see cref="Add"/> one <c>&lt;section class="exploration"&gt;</c> per file: its header (runs,
/// configurations with a violation, the kernel note), then per invariant a <c>&lt;section class="invariant"&gt;</c>
/// saying it holds, or how many configurations violate it, its conditions (as <c>explore</c> prints them: numbered,
/// largest first, whether they describe every violation) and, for each condition (or the first violating configuration
/// when there are none), that configuration's trace as a timeline (<see cref="TraceTimeline"/>) in a
/// <c>&lt;figure class="trace"&gt;</c> with the configuration, how the run ends and the <c>panicpath trace</c> command
/// that prints it in full; <see cref="End"/> closes the page (also after a failure, so that what was written reads).
/// </summary>
internal sealed class ExplorePage(TextWriter writer, int conditions)
{
    /// <summary>Writes the page's head and heading for the files <paramref name="paths"/>.</summary>
    public void Begin(IReadOnlyList<string> paths)
    {
        writer.Write(HtmlPage.Head($"panicpath explore {string.Join(' ', paths)}"));
        writer.Write(paths.Count == 1 ? $"<h1>Exploration of {E(paths[0])}</h1>\n" : string.Create(CultureInfo.InvariantCulture, $"<h1>Exploration of {paths.Count} scenario files</h1>\n"));
        writer.Flush();
    }

    /// <summary>Writes the section of the scenario at <paramref name="path"/>, explored as <paramref name="report"/>.</summary>
    public void Add(string path, ExplorationReport report)
    {
        var scenario = report.Scenario;
        var html = new StringBuilder();
        var violating = report.Violating().Count();
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"exploration\" data-file=\"{E(path)}\" data-scenario=\"{E(scenario.Name)}\">\n")
            .Append(CultureInfo.InvariantCulture, $"<h2>{E(scenario.Name)} <span class=\"muted\">({E(path)})</span></h2>\n")
            .Append(CultureInfo.InvariantCulture, $"<p>{report.Runs} runs, {violating} configurations with a violation.</p>\n");
        if (scenario.KernelNote is { } note)
        {
            html.Append("<p class=\"muted\">note: ").Append(E(note)).Append("</p>\n");
        }

        foreach (var summary in ExplorationSummary.Summarize(report, conditions))
        {
            var name = summary.Outcome.Invariant.Name;
            html.Append(CultureInfo.InvariantCulture, $"<section class=\"invariant\" data-invariant=\"{E(name)}\" data-violations=\"{summary.Outcome.Count}\">\n");
            if (summary.Outcome.Count == 0)
            {
                html.Append("<h3 class=\"holds\">").Append(E(name)).Append(": holds</h3>\n</section>\n");
                continue;
            }

            html.Append(CultureInfo.InvariantCulture, $"<h3 class=\"violated\">{E(name)}: violated in {summary.Outcome.Count} configurations</h3>\n");
            if (summary.Conditions.Count > 0)
            {
                html.Append("<table class=\"conditions\">\n<tr><th>#</th><th>configurations</th><th>condition</th></tr>\n");
                for (var i = 0; i < summary.Conditions.Count; i++)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"num\">[{i + 1}]</td><td class=\"num\">{summary.Conditions[i].Count}</td><td><code>{E(summary.Conditions[i].Text)}</code></td></tr>\n");
                }

                html.Append("</table>\n<p class=\"muted\">")
                    .Append(summary.Exact ? "These conditions describe every violating configuration." : string.Create(CultureInfo.InvariantCulture, $"These conditions leave {summary.Uncovered} violating configurations out (raise --conditions)."))
                    .Append("</p>\n");
                for (var i = 0; i < summary.Conditions.Count; i++)
                {
                    Trace(html, path, report, name, string.Create(CultureInfo.InvariantCulture, $"[{i + 1}]"), summary.Conditions[i].Representative);
                }
            }
            else
            {
                Trace(html, path, report, name, "first", summary.Representative);
            }

            html.Append("</section>\n");
        }

        html.Append("</section>\n");
        writer.Write(html.ToString());
        writer.Flush();
    }

    /// <summary>Closes the page.</summary>
    public void End()
    {
        writer.Write(HtmlPage.Tail);
        writer.Flush();
    }

    /// <summary>One configuration's trace as a timeline, with its caption.</summary>
    private static void Trace(StringBuilder html, string path, ExplorationReport report, string invariant, string label, long index)
    {
        var (configuration, result, trace) = report.Trace(index);
        var pairs = string.Join(" ", configuration.Values.Select(p => $"{p.Key}={p.Value}"));
        var ends = BoundaryNames.Name(result.Outcome);
        html.Append(CultureInfo.InvariantCulture, $"<figure class=\"trace\" data-invariant=\"{E(invariant)}\" data-configuration=\"{E(configuration.Key)}\">\n")
            .Append(CultureInfo.InvariantCulture, $"<figcaption>{E(label)} <code>{E(pairs)}</code> (ends: {E(ends)})<br><code>{E(ModelRendering.TraceCommand(path, report, index))}</code></figcaption>\n")
            .Append(TimelineSvg.Render(TraceTimeline.From(trace, $"{invariant} {label}: {pairs}", report.Scenario.UsesTime)))
            .Append("</figure>\n");
    }

    private static string E(string? text) => HtmlPage.Encode(text);
}
