using System.Globalization;
using OpenQA.Selenium;
using PanicPath.Browser.Tests.Support;
using PanicPath.Supervisor.Tests.Support;
using PanicPath.TestSupport;

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

    [Fact]
    public async Task An_exploration_written_as_html_opens_from_disk_cleanly_with_a_timeline_per_trace_and_a_lane_per_cpu()
    {
        var page = Path.Combine(deaths.Scratch("explore-html"), "explore.html");
        var oneCpu = Path.Combine(ExampleScenarios.Repository, "examples", "hyperv", "unload-response-this-cpu.yaml");
        var twoCpus = Path.Combine(ExampleScenarios.Repository, "examples", "races", "console-lock-nmi.yaml");

        var (exit, _, error) = await CliProcess.Run(new Dictionary<string, string?>(), "explore", oneCpu, twoCpus, "--html", page);

        // 1: something is violated (both scenarios have violations, each shown with its trace).
        Assert.True(exit == 1, $"explore --html exited {exit}: {error}");
        browser.Load(new Uri(page).AbsoluteUri).AssertClean();
        var driver = browser.Driver;
        var text = driver.FindElement(By.TagName("body")).Text;
        Assert.Contains("hyperv-unload-response-this-cpu", text, StringComparison.Ordinal);
        Assert.Contains("console-lock-nmi", text, StringComparison.Ordinal);
        var timelines = driver.FindElements(By.CssSelector("svg.timeline")).Select(Timelines.Bars).ToList();
        Assert.True(timelines.Count >= 2, $"one timeline per scenario's trace at least, found {timelines.Count}");
        foreach (var bars in timelines)
        {
            Assert.NotEmpty(bars);
            Assert.All(bars, bar =>
            {
                Assert.NotEmpty(bar.Name);
                Assert.NotEmpty(bar.Lane);
                Assert.NotEmpty(Assert.Single(bar.Titles));
            });
        }

        Assert.Contains(timelines, bars => bars.Select(bar => bar.Lane).Distinct().Count() >= 2);
        browser.Screenshot("explore-html");
    }
}
