namespace PanicPath.Cli.Commands.Ui;

/// <summary>
/// The web view's own stylesheet, a constant in the binary put inline on each page (nothing is read from
/// disk or fetched): the navigation, the filter form, the tables and the bucket charts. The page shell's
/// styles (the shared stylesheet of the HTML outputs and the timeline) come with the shell itself.
/// </summary>
internal static class UiStyles
{
    /// <summary>The stylesheet.</summary>
    public const string Css = """
        .ui-nav { display: flex; gap: 1.5em; padding: 0.5em 0; border-bottom: 1px solid #ccc; margin-bottom: 1em; }
        .ui-nav a { font-weight: bold; text-decoration: none; }
        form.filters { display: flex; flex-wrap: wrap; gap: 0.75em; align-items: end; margin: 1em 0; }
        form.filters label { display: flex; flex-direction: column; font-size: 0.85em; }
        table.ui { border-collapse: collapse; width: 100%; font-size: 0.9em; }
        table.ui th, table.ui td { border-bottom: 1px solid #ddd; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
        table.ui td.command, table.ui td.title { overflow-wrap: anywhere; }
        table.ui td.cause, table.ui td:first-child { white-space: nowrap; }
        table.ui td.number { text-align: right; }
        .signature { font-family: monospace; }
        .paging { display: flex; gap: 1.5em; margin: 1em 0; }
        p.error { color: #a00; font-weight: bold; }
        p.empty { font-style: italic; }
        ol.frames { font-family: monospace; font-size: 0.85em; }
        svg.chart rect.period { fill: #c0392b; }
        svg.chart line.axis { stroke: #999; stroke-width: 1; }
        """;

}
