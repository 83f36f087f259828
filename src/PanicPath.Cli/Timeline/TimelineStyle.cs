using System.Text;

namespace PanicPath.Cli.Timeline;

/// <summary>
/// The look of a timeline, carried inside its SVG (so that it reads the same on a page and saved on its own): each
/// outcome a colour and a line style of its own, so that colour is never the only thing that tells outcomes apart
/// (<c>threw</c> a heavy border, <c>timed-out</c> and <c>hung</c> dashed, <c>skipped</c> hollow and dotted,
/// <c>abandoned</c> dash-dotted, <c>nested</c> finely dashed; the outcome is also written on the bar when it fits, in
/// its tooltip and in the legend); light and dark colours as the reader's system prefers.
/// An outcome or marker name becomes a CSS class through <see cref="Token"/>.
/// </summary>
internal static class TimelineStyle
{
    /// <summary>The stylesheet of every timeline SVG; its rules are scoped to <c>svg.timeline</c>.</summary>
    public const string Css = """
        svg.timeline { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; font-size: 11px; }
        svg.timeline .caption { font-size: 13px; font-weight: 600; fill: #1f2328; }
        svg.timeline .lane-band { fill: #f6f8fa; }
        svg.timeline .lane.odd .lane-band { fill: #eaeef2; }
        svg.timeline .lane-label { fill: #1f2328; }
        svg.timeline .axis line { stroke: #57606a; stroke-width: 1; }
        svg.timeline .axis text, svg.timeline .legend text { fill: #424a53; }
        svg.timeline .grid { stroke: #d0d7de; stroke-width: 1; }
        svg.timeline .bar rect, svg.timeline .legend rect { fill: #8c959f; stroke: #24292f; stroke-width: 1; }
        svg.timeline .bar text { fill: #ffffff; pointer-events: none; }
        svg.timeline .outcome-ran rect { fill: #1a7f37; }
        svg.timeline .outcome-threw rect { fill: #cf222e; stroke-width: 2.5; }
        svg.timeline .outcome-timed-out rect { fill: #bc4c00; stroke-dasharray: 5 2; }
        svg.timeline .outcome-hung rect { fill: #bc4c00; stroke-dasharray: 5 2; }
        svg.timeline .outcome-skipped rect { fill: #ffffff; stroke: #57606a; stroke-dasharray: 1 2; }
        svg.timeline .outcome-skipped text { fill: #1f2328; }
        svg.timeline .outcome-abandoned rect { fill: #8250df; stroke-dasharray: 6 2 1 2; }
        svg.timeline .outcome-nested rect { fill: #a40e26; stroke-dasharray: 2 1; }
        svg.timeline .outcome-dump rect { fill: #0969da; }
        svg.timeline .outcome-step rect { fill: #6e7781; }
        svg.timeline .outcome-violated rect { fill: #cf222e; stroke-width: 2.5; }
        svg.timeline .marker { stroke: #1f2328; stroke-width: 1.5; stroke-dasharray: 4 3; }
        svg.timeline .marker-deadline { stroke: #cf222e; stroke-width: 2; stroke-dasharray: none; }
        svg.timeline .marker-dump { stroke: #0969da; }
        svg.timeline .marker-violation { stroke: #cf222e; }
        svg.timeline .marker.off-scale { stroke-dasharray: 1 3; }
        svg.timeline .marker-label { fill: #1f2328; font-size: 10px; }
        @media (prefers-color-scheme: dark) {
          svg.timeline .caption, svg.timeline .lane-label, svg.timeline .marker-label { fill: #e6edf3; }
          svg.timeline .lane-band { fill: #161b22; }
          svg.timeline .lane.odd .lane-band { fill: #1c2128; }
          svg.timeline .axis line { stroke: #9198a1; }
          svg.timeline .axis text, svg.timeline .legend text { fill: #9198a1; }
          svg.timeline .grid { stroke: #30363d; }
          svg.timeline .bar rect, svg.timeline .legend rect { stroke: #e6edf3; }
          svg.timeline .outcome-skipped rect { fill: #0d1117; stroke: #9198a1; }
          svg.timeline .outcome-skipped text { fill: #e6edf3; }
          svg.timeline .marker { stroke: #e6edf3; }
          svg.timeline .marker-deadline, svg.timeline .marker-violation { stroke: #f85149; }
          svg.timeline .marker-dump { stroke: #4493f8; }
        }
        """;

    /// <summary>
    /// <paramref name="name"/> as a CSS class word: lower-case ASCII letters and digits kept, every run of anything else
    /// one hyphen, no hyphen at either end; <c>other</c> when nothing is left. <c>timed-out</c> stays <c>timed-out</c>,
    /// <c>crash_kexec</c> becomes <c>crash-kexec</c>, <c>&lt;script&gt;</c> becomes <c>script</c>.
    /// </summary>
    public static string Token(string? name)
    {
        var token = new StringBuilder();
        foreach (var c in name ?? string.Empty)
        {
            var lower = char.ToLowerInvariant(c);
            if (char.IsAsciiLetterOrDigit(lower))
            {
                token.Append(lower);
            }
            else if (token.Length > 0 && token[^1] != '-')
            {
                token.Append('-');
            }
        }

        while (token.Length > 0 && token[^1] == '-')
        {
            token.Length--;
        }

        return token.Length > 0 ? token.ToString() : "other";
    }
}
