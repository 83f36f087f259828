using System.Globalization;
using System.Text;
using PanicPath.Cli.Timeline;
using PanicPath.Model.Kernel;
using PanicPath.Supervisor.Deaths;

namespace PanicPath.Cli.Commands.Supervisor;

/// <summary>
/// One death as an HTML page (<c>reports show ID --html FILE</c>), in the page shell (<see cref="HtmlPage"/>): an
/// <c>&lt;h1&gt;</c>; the record as <c>reports show</c> prints it (<c>&lt;table class="record"&gt;</c>); when PanicPath
/// reported the death, <c>&lt;section id="timeline"&gt;</c> holding its panic path as a timeline
/// (<see cref="ReportTimeline"/>, <see cref="TimelineSvg"/>), <c>&lt;section id="steps"&gt;</c> with each step's list,
/// priority, outcome, start and time, the nested panics, the exception, and the report's log; then the exception
/// the record is told by with its stack and inner exceptions (<c>&lt;section id="recorded-exception"&gt;</c>), and the output tails.
/// Every text is encoded; times are UTC.
/// </summary>
internal static class DeathPage
{
    /// <summary>The whole page of <paramref name="death"/>.</summary>
    public static string Render(DeathRecord death) =>
        HtmlPage.Render(string.Create(CultureInfo.InvariantCulture, $"panicpath: death {death.Id}: {death.Title}"), Body(death));

    /// <summary>The page's body: heading, record, timeline and steps (when reported), tails.</summary>
    public static string Body(DeathRecord death)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h1>Death {death.Id}: {E(death.Title)}</h1>\n");
        html.Append("<table class=\"record\">\n");
        void Row(string name, string? value) => html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(name)}</th><td>{E(value ?? "-")}</td></tr>\n");
        Row("id", death.Id.ToString(CultureInfo.InvariantCulture));
        Row("cause", death.Pending ? $"{death.Cause} (pending)" : death.Cause);
        Row("title", death.Title);
        Row("exit code", death.Pending ? $"{death.ExitCode.ToString(CultureInfo.InvariantCulture)} (intended by the report)" : death.ExitCode.ToString(CultureInfo.InvariantCulture));
        Row("signal", death.Signal);
        Row("command", death.Command);
        Row("host", death.Host);
        Row("pid", death.Pid.ToString(CultureInfo.InvariantCulture));
        Row("run", $"{death.RunId} (attempt {death.Attempt.ToString(CultureInfo.InvariantCulture)})");
        Row("started (UTC)", Time(death.StartedAt));
        Row("ended (UTC)", Time(death.EndedAt));
        Row("signature", death.Signature);
        Row("dump", death.Dump is { } dump && death.DumpPrunedAt is { } pruned ? $"{dump} (pruned {Time(pruned)} UTC)" : death.Dump);
        Row("crash report", death.CrashReport);
        html.Append("</table>\n");

        if (death.Report is { } report)
        {
            html.Append("<section id=\"timeline\">\n<h2>Panic path</h2>\n")
                .Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{E(report.Kind)}: {E(report.Reason)}; {E(report.Form)} form, report version {report.Version}, {report.Notifiers.Count} steps{(report.DeadlineExceeded ? "; <span class=\"violated\">the deadline was exceeded</span>" : string.Empty)}.</p>\n")
                .Append(TimelineSvg.Render(ReportTimeline.From(report)))
                .Append("</section>\n");

            html.Append("<section id=\"steps\">\n<h2>Steps</h2>\n<table>\n<tr><th>#</th><th>step</th><th>list</th><th>priority</th><th>outcome</th><th>start (ms)</th><th>time (ms)</th><th>error</th></tr>\n");
            for (var i = 0; i < report.Notifiers.Count; i++)
            {
                var n = report.Notifiers[i];
                html.Append(CultureInfo.InvariantCulture, $"<tr class=\"step\"><td class=\"num\">{i + 1}</td><td>{E(n.Name)}</td><td>{E(n.List)}</td><td class=\"num\">{E(Machine.FormatPriority(n.Priority))}</td><td>{E(n.Outcome)}</td><td class=\"num\">{(n.StartMs is { } start ? Ms(start) : "-")}</td><td class=\"num\">{Ms(n.Ms)}</td><td>{E(n.Error ?? string.Empty)}</td></tr>\n");
            }

            html.Append("</table>\n");
            if (report.Nested.Count > 0)
            {
                html.Append("<h3>Nested panics</h3>\n<table>\n<tr><th>raised in</th><th>reason</th><th>exception</th><th>seen at (ms)</th></tr>\n");
                foreach (var nested in report.Nested)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(nested.Notifier)}</td><td>{E(nested.Reason)}</td><td>{E(nested.ExceptionType ?? "-")}</td><td class=\"num\">{(nested.AtMs is { } at ? Ms(at) : "-")}</td></tr>\n");
                }

                html.Append("</table>\n");
            }

            html.Append("</section>\n");
            if (report.Exception is { } exception)
            {
                html.Append("<section id=\"exception\">\n<h2>Exception</h2>\n<table class=\"record\">\n");
                Row("type", exception.Type);
                Row("message", exception.Message);
                Row("method", exception.Method);
                Row("signature", exception.Signature);
                html.Append("</table>\n</section>\n");
            }

            if (!string.IsNullOrEmpty(report.Log))
            {
                html.Append("<section id=\"log\">\n<h2>Log</h2>\n<pre>").Append(E(report.Log)).Append("</pre>\n</section>\n");
            }
        }
        else
        {
            html.Append("<section id=\"timeline\">\n<h2>Panic path</h2>\n<p class=\"muted\">No PanicPath report: the process died without running its panic path (or without PanicPath), so there is no timeline.</p>\n</section>\n");
        }

        if (death.ExceptionType is { } exceptionType)
        {
            html.Append("<section id=\"recorded-exception\">\n<h2>Recorded exception</h2>\n<p><code>").Append(E(exceptionType)).Append("</code>: ")
                .Append(E(death.ExceptionMessage)).Append("</p>\n<pre>").Append(E(death.ExceptionStack)).Append("</pre>\n</section>\n");
        }

        html.Append("<section id=\"tails\">\n<h2>Output</h2>\n<h3>stdout tail</h3>\n<pre>").Append(E(death.StdoutTail)).Append("</pre>\n")
            .Append("<h3>stderr tail</h3>\n<pre>").Append(E(death.StderrTail)).Append("</pre>\n</section>\n");
        return html.ToString();
    }

    private static string E(string? text) => HtmlPage.Encode(text);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Ms(double ms) => TimelineAxis.Number(Math.Round(TimelineAxis.Finite(ms), 3));
}
