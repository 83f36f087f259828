using System.Text;

namespace PanicPath.Cli.Timeline;

/// <summary>
/// The one page shell of every HTML <c>panicpath</c> writes or serves: an HTML5 document (UTF-8, a viewport, light and
/// dark colours as the reader's system prefers them) with its stylesheet (<see cref="Stylesheet"/>) inline. Nothing on
/// the page is fetched from anywhere: no script, font, image or stylesheet from outside, no CDN; the page's
/// Content-Security-Policy (<see cref="ContentSecurityPolicy"/>) says so to the browser too, so that nothing slipped
/// into a page could load or run anything. Text goes onto a page only through <see cref="Encode"/>.
/// <para>A page is either made whole (<see cref="Render"/>) or written as it is made: <see cref="Head"/>, the body's
/// parts, then <see cref="Tail"/>.</para>
/// </summary>
public static class HtmlPage
{
    /// <summary>
    /// The policy every page carries: nothing is loaded but the page's own inline styles and images from the page's own
    /// origin (or <c>data:</c>); no script runs; forms post only to the page's origin. (<c>frame-ancestors</c> is not in it: a policy in a
    /// <c>meta</c> element cannot carry it, and a browser says so on its console.)
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'";

    /// <summary>
    /// The stylesheet of every page: system fonts, tables, sections, and colours from custom properties that a dark
    /// system theme (<c>prefers-color-scheme: dark</c>) swaps. The timeline's own colours travel in its SVG
    /// (<see cref="TimelineStyle"/>), so that the SVG reads the same on its own.
    /// </summary>
    public const string Stylesheet = """
        :root { color-scheme: light dark; --fg: #1f2328; --muted: #57606a; --bg: #ffffff; --panel: #f6f8fa; --border: #d0d7de; --link: #0969da; --bad: #cf222e; --good: #1a7f37; }
        @media (prefers-color-scheme: dark) {
          :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #161b22; --border: #30363d; --link: #4493f8; --bad: #f85149; --good: #3fb950; }
        }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
        main { max-width: 1100px; margin: 0 auto; padding: 16px 24px 48px; }
        h1 { font-size: 1.5em; margin: 0.4em 0 0.6em; }
        h2 { font-size: 1.25em; margin: 1.4em 0 0.5em; border-bottom: 1px solid var(--border); padding-bottom: 0.2em; }
        h3 { font-size: 1.05em; margin: 1.2em 0 0.4em; }
        a { color: var(--link); }
        code { overflow-wrap: anywhere; }
        code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.92em; }
        pre { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: 8px 12px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
        table { border-collapse: collapse; margin: 0.5em 0 1em; }
        th, td { border: 1px solid var(--border); padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: var(--panel); font-weight: 600; }
        table.record th { width: 11em; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        section { margin: 1em 0; }
        .muted { color: var(--muted); }
        .violated { color: var(--bad); font-weight: 600; }
        .holds { color: var(--good); font-weight: 600; }
        figure { margin: 0.5em 0 1.5em; }
        figcaption { color: var(--muted); font-size: 0.92em; margin-bottom: 0.3em; }
        svg.timeline { max-width: 100%; height: auto; display: block; }
        """;

    /// <summary>A whole HTML5 document titled <paramref name="title"/> (encoded here) around <paramref name="bodyHtml"/> (markup, written as given).</summary>
    public static string Render(string title, string bodyHtml) => Head(title) + bodyHtml + Tail;

    /// <summary>The document up to and including <c>&lt;main&gt;</c>: what comes before a page's body.</summary>
    public static string Head(string title) =>
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<meta name=\"color-scheme\" content=\"light dark\">\n"
        + $"<meta http-equiv=\"Content-Security-Policy\" content=\"{ContentSecurityPolicy}\">\n"
        + "<meta name=\"referrer\" content=\"no-referrer\">\n"
        + $"<title>{Encode(title)}</title>\n<style>\n{Stylesheet}\n</style>\n</head>\n<body>\n<main>\n";

    /// <summary>What closes a document <see cref="Head"/> began.</summary>
    public const string Tail = "\n</main>\n</body>\n</html>\n";

    /// <summary>
    /// <paramref name="text"/> as text in HTML or XML, in an element or an attribute's value (quoted with <c>"</c> or
    /// <c>'</c>): <c>&amp; &lt; &gt; " '</c> as entities, and every character XML does not allow (controls other than
    /// tab, line feed and carriage return, a lone surrogate, U+FFFE and U+FFFF) as U+FFFD, so that an SVG made of it
    /// parses as XML whatever a report held. Null is empty.
    /// </summary>
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        StringBuilder? built = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            };
            if (replacement is null)
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    built?.Append(c).Append(text[i + 1]);
                    i++;
                    continue;
                }

                if (!Allowed(c))
                {
                    replacement = "\uFFFD";
                }
            }

            if (replacement is null)
            {
                built?.Append(c);
                continue;
            }

            built ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
            built.Append(replacement);
        }

        return built?.ToString() ?? text;
    }

    /// <summary>True for a character XML 1.0 allows on its own (a surrogate never is: pairs are taken whole above).</summary>
    private static bool Allowed(char c) =>
        c is '\t' or '\n' or '\r' || (c >= '\u0020' && c <= '\uD7FF') || (c >= '\uE000' && c <= '\uFFFD');
}
