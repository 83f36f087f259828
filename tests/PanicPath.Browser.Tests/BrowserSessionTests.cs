using OpenQA.Selenium;
using PanicPath.Browser.Tests.Support;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Browser.Tests;

/// <summary>
/// The browser the page tests stand on: Debian's chromium through its chromedriver tells a page that loads
/// cleanly from one with a console error, a resource it cannot load, or a request that leaves the page's
/// origin, so a clean load of a web view page means something; and its screenshots are PNGs as wide as its window.
/// </summary>
public sealed class BrowserSessionTests(BrowserSession browser) : IClassFixture<BrowserSession>, IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public void A_page_without_a_fault_loads_clean_and_its_full_page_screenshot_is_a_png_as_wide_as_the_window()
    {
        var page = Page("clean.html", "<h1>clean</h1><svg class=\"timeline\" width=\"100\" height=\"3000\"></svg>");

        var loaded = browser.Load(page);

        loaded.AssertClean();
        Assert.Equal("clean", browser.Driver.FindElement(By.TagName("h1")).Text);
        var size = Png.Size(browser.Screenshot("clean", temp.Path));
        Assert.NotNull(size);
        Assert.Equal(BrowserSession.Width, size.Value.Width);
        Assert.True(size.Value.Height > 2000, $"the screenshot holds the page below the window: {size.Value.Height} pixels high");
    }

    [Fact]
    public void A_console_error_on_a_page_is_a_problem_that_names_its_message()
    {
        var page = Page("error.html", "<h1>error</h1><script>console.error('the page broke here');</script>");

        var loaded = browser.Load(page);

        Assert.Contains(loaded.Problems, problem => problem.StartsWith("console error:", StringComparison.Ordinal) && problem.Contains("the page broke here", StringComparison.Ordinal));
        Assert.ThrowsAny<Exception>(loaded.AssertClean);
    }

    [Fact]
    public void A_resource_the_page_cannot_load_is_a_problem_that_names_it()
    {
        var page = Page("missing.html", "<h1>missing</h1><img src=\"not-there.png\" alt=\"\">");

        var loaded = browser.Load(page);

        Assert.Contains(loaded.Problems, problem => problem.StartsWith("request failed", StringComparison.Ordinal) && problem.Contains("not-there.png", StringComparison.Ordinal));
    }

    [Fact]
    public void A_resource_from_outside_the_pages_origin_is_a_problem_that_names_it()
    {
        var page = Page("cdn.html", "<h1>cdn</h1><link rel=\"stylesheet\" href=\"http://127.0.0.1:9/outside.css\">");

        var loaded = browser.Load(page);

        Assert.Contains(loaded.Problems, problem => problem.StartsWith("request outside the page's origin", StringComparison.Ordinal) && problem.Contains("outside.css", StringComparison.Ordinal));
    }

    public void Dispose() => temp.Dispose();

    private string Page(string name, string body)
    {
        var file = temp.Sub(name);
        File.WriteAllText(file, $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{name}</title></head><body>{body}</body></html>");
        return new Uri(file).AbsoluteUri;
    }
}
