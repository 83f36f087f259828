using System.Globalization;
using OpenQA.Selenium;
using PanicPath.Browser.Tests.Support;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Browser.Tests;

/// <summary>
/// The pages <c>reports show ID --html FILE</c> and <c>explore FILES --html FILE</c> write, opened from disk
/// (file://) in chromium: no console error, nothing loaded from anywhere but the file itself, the timeline
/// SVG drawn with a bar per notifier or per step, several CPUs as several lanes. Screenshots go to
/// artifacts/screenshots.
/// </summary>
[Collection(RecordedDeathsCollection.Name)]
public sealed class HtmlFileTests(RecordedDeaths deaths, BrowserSession browser) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task A_report_written_as_html_opens_from_disk_cleanly_with_one_bar_per_notifier_in_the_recorded_order()
    {
        var page = Path.Combine(deaths.Scratch("report-html"), "death.html");

        var (exit, _, error) = await CliProcess.Run(
            new Dictionary<string, string?> { ["PANICPATH_POSTGRES"] = null },
            "reports", "show", deaths.Panic.Id.ToString(CultureInfo.InvariantCulture), "--data", deaths.Data, "--html", page);

        Assert.True(exit == 0, $"reports show --html exited {exit}: {error}");
        browser.Load(new Uri(page).AbsoluteUri).AssertClean();
        var svg = Assert.Single(browser.Driver.FindElements(By.CssSelector("svg.timeline")));
        Timelines.AssertNotifierBars(svg, deaths.Panic.Report!);
        browser.Screenshot("report-html");
    }
}
