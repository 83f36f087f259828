using System.Text.RegularExpressions;
using PanicPath.Cli.Timeline;

namespace PanicPath.Cli.Tests.Timelines;

public sealed partial class HtmlPageTests
{
    /// <summary>
    /// Every place a page could name something to fetch or run: a src, href, action, poster, srcset, data or xlink:href
    /// attribute, a CSS url() or @import, a meta refresh. Group 1 is what is named.
    /// </summary>
    [GeneratedRegex("""(?:\b(?:src|href|action|poster|srcset|data|formaction|background)\s*=\s*["']?|url\(\s*["']?|@import\s+["']?|http-equiv\s*=\s*["']?refresh)([^"'\s)>]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex Fetches();

    /// <summary>What a page names from elsewhere: every src/href/url/import that is absolute (scheme or //).</summary>
    public static IReadOnlyList<string> ExternalSources(string html) =>
        [.. Fetches().Matches(html).Select(m => m.Value).Where(v => Regex.IsMatch(v, @"(?:https?:|ftp:|//|refresh)", RegexOptions.IgnoreCase))];

    [Fact]
    public void A_page_is_a_whole_html5_document_with_its_title_encoded_and_the_body_as_given()
    {
        var page = HtmlPage.Render("death <7> & \"more\"", "<p id=\"body\">hello</p>");

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", page, StringComparison.Ordinal);
        Assert.Contains("<meta charset=\"utf-8\">", page, StringComparison.Ordinal);
        Assert.Contains("<title>death &lt;7&gt; &amp; &quot;more&quot;</title>", page, StringComparison.Ordinal);
        Assert.Contains("<main>\n<p id=\"body\">hello</p>\n</main>", page, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", page, StringComparison.Ordinal);
        Assert.Equal(HtmlPage.Head("t") + "x" + HtmlPage.Tail, HtmlPage.Render("t", "x"));
    }

    [Fact]
    public void A_page_follows_the_system_light_or_dark_theme_and_needs_no_script()
    {
        var page = HtmlPage.Render("t", TimelineSvg.Render(new Cli.Timeline.Timeline("t", "ms", ["a"], [new("a", "x", 0, 1, "ran")], [])));

        Assert.Contains("<meta name=\"color-scheme\" content=\"light dark\">", page, StringComparison.Ordinal);
        Assert.Contains("@media (prefers-color-scheme: dark)", HtmlPage.Stylesheet, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_page_fetches_nothing_from_outside_and_its_policy_forbids_the_browser_to()
    {
        var page = HtmlPage.Render("t", TimelineSvg.Render(new Cli.Timeline.Timeline("t", "ms", ["a"], [new("a", "x", 0, 1, "ran")], [new("deadline", 1, "deadline")])));

        Assert.Empty(ExternalSources(page));
        Assert.DoesNotContain("http://", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"<meta http-equiv=\"Content-Security-Policy\" content=\"{HtmlPage.ContentSecurityPolicy}\">", page, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'none';", HtmlPage.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", HtmlPage.ContentSecurityPolicy, StringComparison.Ordinal);
    }

    [Fact]
    public void The_scan_for_external_sources_finds_each_way_a_page_could_name_one()
    {
        foreach (var bad in new[] { "<script src=\"https://cdn.example/x.js\">", "<link href='//cdn.example/x.css'>", "<img src=http://x/y.png>", "<style>@import \"https://x/y.css\";</style>", "<div style=\"background: url(//x/y.png)\">", "<meta http-equiv=\"refresh\" content=\"0;url=https://x\">" })
        {
            Assert.NotEmpty(ExternalSources(HtmlPage.Render("t", bad)));
        }
    }

    [Fact]
    public void Encode_makes_text_safe_in_an_element_or_a_quoted_attribute()
    {
        (string? Text, string Encoded)[] cases =
        [
            ("<script>", "&lt;script&gt;"),
            ("\"&'", "&quot;&amp;&#39;"),
            ("plain text", "plain text"),
            ("tab\tline\ncr\r", "tab\tline\ncr\r"),
            ("nul\u0000esc\u001b", "nul\uFFFDesc\uFFFD"),
            ("lone\uDC00high\uD800", "lone\uFFFDhigh\uFFFD"),
            ("pair\uD83D\uDE00", "pair\uD83D\uDE00"),
            ("\uFFFE\uFFFF", "\uFFFD\uFFFD"),
            (null, string.Empty),
        ];
        foreach (var (text, encoded) in cases)
        {
            Assert.Equal(encoded, HtmlPage.Encode(text));
        }
    }
}
