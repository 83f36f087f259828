using System.Text.RegularExpressions;
using PanicPath.Browser.Tests.Support;
using PanicPath.TestSupport;

namespace PanicPath.Browser.Tests;

/// <summary>
/// The images the README shows (Markdown <c>![alt](path)</c> and HTML <c>&lt;img src&gt;</c>) are files in the
/// repository, PNGs no wider than the browser's window, among them the screenshots of the death page and of an
/// explored trace that the browser tests take (copied from artifacts/screenshots to docs/images).
/// </summary>
public sealed partial class ReadmeImageTests
{
    [Fact]
    public void Every_image_the_readme_shows_is_a_png_in_the_repository_no_wider_than_the_browser_window()
    {
        var images = Images();

        Assert.NotEmpty(images);
        Assert.All(images, image =>
        {
            Assert.False(Uri.TryCreate(image, UriKind.Absolute, out _), $"{image}: an image the README shows is a file of the repository, not a URL");
            var file = Path.Combine(ExampleScenarios.Repository, image);
            Assert.True(File.Exists(file), $"the README shows {image}, which is not in the repository");
            var size = Png.Size(file);
            Assert.True(size is not null, $"{image} is not a PNG");
            Assert.True(size.Value.Width <= BrowserSession.Width, $"{image} is {size.Value.Width} pixels wide, wider than the browser's window ({BrowserSession.Width})");
        });
    }

    [Fact]
    public void The_readme_shows_the_death_page_and_an_explored_trace()
    {
        var images = Images();

        Assert.Contains("docs/images/death-page.png", images);
        Assert.Contains("docs/images/explored-trace.png", images);
    }

    /// <summary>The path or URL of every image README.md shows, as written.</summary>
    private static List<string> Images()
    {
        var readme = File.ReadAllText(Path.Combine(ExampleScenarios.Repository, "README.md"));
        return [.. MarkdownImage().Matches(readme).Concat(HtmlImage().Matches(readme)).Select(match => match.Groups["src"].Value)];
    }

    [GeneratedRegex(@"!\[[^\]]*\]\((?<src>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex MarkdownImage();

    [GeneratedRegex(@"<img\b[^>]*\bsrc=""(?<src>[^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlImage();
}
