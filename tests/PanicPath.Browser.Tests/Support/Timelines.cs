using System.Globalization;
using OpenQA.Selenium;
using PanicPath.Reports;

namespace PanicPath.Browser.Tests.Support;

/// <summary>
/// Reads a timeline SVG as the browser shows it: its bars (the outermost elements of class <c>bar</c>, in
/// document order) with their <c>data-lane</c>, <c>data-name</c>, <c>data-outcome</c>, <c>data-start</c>,
/// <c>data-duration</c>, <c>data-depth</c> (0 when absent) and the text of their <c>&lt;title&gt;</c> child (the tooltip).
/// </summary>
internal static class Timelines
{
    /// <summary>The outcomes of bars that are not a notifier of the path (the dump step, a nested panic).</summary>
    private static readonly string[] NotNotifiers = ["dump", "nested"];

    /// <summary>Every bar of <paramref name="svg"/>, in document order.</summary>
    public static List<Bar> Bars(IWebElement svg) =>
        [.. svg.FindElements(By.CssSelector(".bar:not(.bar .bar)")).Select(element => new Bar(
            element.GetAttribute("data-lane") ?? "",
            element.GetAttribute("data-name") ?? "",
            element.GetAttribute("data-outcome") ?? "",
            Number(element.GetAttribute("data-start")),
            Number(element.GetAttribute("data-duration")),
            (int)(Number(element.GetAttribute("data-depth")) ?? 0),
            element.FindElements(By.CssSelector(":scope > title")).Select(title => title.GetDomProperty("textContent") ?? "").ToList()))];

    /// <summary>
    /// Fails unless <paramref name="svg"/> holds one bar per notifier of <paramref name="report"/>, in the
    /// report's order, each on its list's lane with the notifier's outcome and a tooltip naming it, and one bar
    /// with a tooltip per nested panic; other bars at the top level are only the dump step's and nested panics'.
    /// </summary>
    public static void AssertNotifierBars(IWebElement svg, CrashReport report)
    {
        var all = Bars(svg);
        var bars = all.Where(bar => bar.Depth == 0 && !NotNotifiers.Contains(bar.Outcome)).ToList();
        Assert.Equal(report.Notifiers.Select(n => n.Name), bars.Select(bar => bar.Name));
        foreach (var (notifier, bar) in report.Notifiers.Zip(bars))
        {
            Assert.Equal(notifier.List, bar.Lane, ignoreCase: true);
            Assert.Equal(notifier.Outcome, bar.Outcome);
            Assert.True(bar.Duration is >= 0, $"bar {bar.Name}: data-duration is not a number");
            var title = Assert.Single(bar.Titles);
            Assert.Contains(notifier.Name, title, StringComparison.Ordinal);
        }

        var nested = all.Where(bar => bar.Outcome == "nested").ToList();
        Assert.Equal(report.Nested.Count, nested.Count);
        Assert.All(nested, bar => Assert.NotEmpty(Assert.Single(bar.Titles)));
    }

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>One bar as shown.</summary>
    public sealed record Bar(string Lane, string Name, string Outcome, double? Start, double? Duration, int Depth, IReadOnlyList<string> Titles);
}
