using System.Globalization;
using OpenQA.Selenium;
using PanicPath.Browser.Tests.Support;

namespace PanicPath.Browser.Tests;

/// <summary>
/// <c>panicpath ui</c> on a store with real deaths (<see cref="RecordedDeaths"/>), its pages loaded in
/// chromium: each loads every resource it asks for from the tool itself without a console error, shows the
/// stored deaths, and draws a death's panic path with one bar per notifier in the order the report recorded.
/// Each page's screenshot is written to artifacts/screenshots.
/// </summary>
[Collection(RecordedDeathsCollection.Name)]
public sealed class WebViewTests(RecordedDeaths deaths, BrowserSession browser) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task The_deaths_page_loads_cleanly_and_lists_every_stored_death()
    {
        var server = await deaths.Server();

        browser.Load(server.Page("/")).AssertClean();

        var driver = browser.Driver;
        Assert.NotEmpty(driver.FindElement(By.TagName("h1")).Text);
        var table = driver.FindElement(By.Id("deaths"));
        var ids = table.FindElements(By.CssSelector("tr.death")).Select(row => row.GetAttribute("data-id")).ToList();
        Assert.Equal(
            new[] { deaths.Panic.Id, deaths.ExitCode.Id }.Select(id => id.ToString(CultureInfo.InvariantCulture)).Order(),
            ids.Order());
        var panicRow = table.FindElement(By.CssSelector($"tr.death[data-id='{deaths.Panic.Id}']"));
        Assert.Contains(deaths.Panic.Cause, panicRow.Text, StringComparison.Ordinal);
        browser.Screenshot("deaths");
    }

    [Fact]
    public async Task The_filter_form_used_by_typing_and_clicking_narrows_the_deaths_to_the_cause_chosen()
    {
        var server = await deaths.Server();
        browser.Load(server.Page("/")).AssertClean();
        var driver = browser.Driver;
        Assert.Equal(2, driver.FindElements(By.CssSelector("#deaths tr.death")).Count);

        var cause = driver.FindElement(By.CssSelector("form [name='cause']"));
        var form = cause.FindElement(By.XPath("./ancestor::form"));
        if (cause.TagName == "select")
        {
            cause.Click();
            cause.FindElement(By.CssSelector($"option[value='{deaths.Panic.Cause}']")).Click();
        }
        else
        {
            cause.Clear();
            cause.SendKeys(deaths.Panic.Cause);
        }

        var before = driver.FindElement(By.Id("deaths"));
        var submit = form.FindElements(By.CssSelector("button[type='submit'], input[type='submit'], button:not([type])"));
        if (submit.Count > 0)
        {
            submit[0].Click();
        }
        else
        {
            cause.SendKeys(Keys.Enter);
        }

        Wait.Until(() => IsGone(before), "the deaths page to load again after the filter was submitted");
        Wait.Until(() => Equals(driver.ExecuteScript("return document.readyState"), "complete"), "the filtered page to finish loading");
        var shown = driver.FindElements(By.CssSelector("#deaths tr.death")).Select(row => row.GetAttribute("data-id")).ToList();
        Assert.Equal([deaths.Panic.Id.ToString(CultureInfo.InvariantCulture)], shown);
        Assert.Contains("cause=" + deaths.Panic.Cause, driver.Url, StringComparison.Ordinal);
        browser.Screenshot("deaths-filtered");
    }

    [Fact]
    public async Task The_buckets_page_loads_cleanly_and_shows_each_stored_signature()
    {
        var server = await deaths.Server();

        browser.Load(server.Page("/buckets")).AssertClean();

        var driver = browser.Driver;
        Assert.NotEmpty(driver.FindElement(By.TagName("h1")).Text);
        var text = driver.FindElement(By.TagName("body")).Text;
        Assert.Contains(deaths.Panic.Signature, text, StringComparison.Ordinal);
        Assert.Contains(deaths.ExitCode.Signature, text, StringComparison.Ordinal);
        browser.Screenshot("buckets");
    }

    [Fact]
    public async Task A_death_page_draws_one_bar_per_notifier_in_the_recorded_order_on_its_lists_lane_each_with_a_tooltip()
    {
        var server = await deaths.Server();

        browser.Load(server.Page($"/deaths/{deaths.Panic.Id}")).AssertClean();

        var driver = browser.Driver;
        Assert.NotEmpty(driver.FindElement(By.TagName("h1")).Text);
        var svg = driver.FindElement(By.CssSelector("section#timeline svg.timeline"));
        Timelines.AssertNotifierBars(svg, deaths.Panic.Report!);
        browser.Screenshot("death");
    }

    private static bool IsGone(IWebElement element)
    {
        try
        {
            _ = element.Enabled;
            return false;
        }
        catch (StaleElementReferenceException)
        {
            return true;
        }
    }
}
