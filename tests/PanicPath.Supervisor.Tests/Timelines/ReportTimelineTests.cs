using System.Xml.Linq;
using PanicPath.Cli.Timeline;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Timelines;

public sealed class ReportTimelineTests
{
    [Fact]
    public async Task A_real_report_gives_one_bar_per_notifier_in_its_order_on_its_list_lane_and_the_nested_panic_under_its_notifier()
    {
        using var temp = new TempDirectory();
        var report = await StoredReports.Of(temp, "panicpath-nested");

        var timeline = ReportTimeline.From(report);

        Assert.Equal("ms", timeline.Unit);
        Assert.Equal(0, timeline.Origin);
        Assert.Equal("panic: nested crasher", timeline.Title);
        Assert.Equal(["supervisor", "information", "teardown", "final"], timeline.Lanes);
        var notifiers = timeline.Bars.Where(b => b.Depth == 0).ToList();
        Assert.Equal(report.Notifiers.Select(n => n.Name), notifiers.Select(b => b.Name));
        Assert.Equal(["tell", "broken", "after", "throws"], notifiers.Select(b => b.Name));
        Assert.Equal(["ran", "abandoned", "ran", "threw"], notifiers.Select(b => b.Outcome));
        Assert.Equal(report.Notifiers.Select(n => n.List), notifiers.Select(b => b.Lane));
        Assert.Equal(report.Notifiers.Select(n => n.Ms), notifiers.Select(b => b.Duration));
        Assert.Contains("threw System.ArgumentException", notifiers[3].Detail, StringComparison.Ordinal);
        var nested = Assert.Single(timeline.Bars, b => b.Depth > 0);
        Assert.Equal(("information", 1, "nested"), (nested.Lane, nested.Depth, nested.Outcome));
        Assert.Contains("flush failed", nested.Name, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException", nested.Detail, StringComparison.Ordinal);
        Assert.Contains(timeline.Markers, m => m.Name == "panic" && m.At == 0);
    }

    [Fact]
    public async Task A_version_2_report_places_each_bar_at_its_recorded_start_the_nested_panic_where_it_was_seen_and_marks_the_deadline_and_the_report()
    {
        using var temp = new TempDirectory();
        var report = await StoredReports.Of(temp, "panicpath-nested");
        Assert.Equal(2, report.Version);

        var timeline = ReportTimeline.From(report);

        var notifiers = timeline.Bars.Where(b => b.Depth == 0).ToList();
        Assert.All(report.Notifiers, n => Assert.NotNull(n.StartMs));
        Assert.Equal(report.Notifiers.Select(n => n.StartMs!.Value), notifiers.Select(b => b.Start));
        var nested = Assert.Single(timeline.Bars, b => b.Depth > 0);
        var seen = Assert.Single(report.Nested).AtMs;
        Assert.NotNull(seen);
        Assert.Equal(seen.Value, nested.Start);
        Assert.Equal(Math.Max(0, notifiers[1].Start + notifiers[1].Duration - seen.Value), nested.Duration, 9);
        var deadline = Assert.Single(timeline.Markers, m => m.Name == "deadline");
        Assert.Equal(report.DeadlineMs, deadline.At);
        Assert.StartsWith("deadline ", deadline.Label, StringComparison.Ordinal);
        Assert.Equal(report.TotalMs, Assert.Single(timeline.Markers, m => m.Name == "report").At);
        Assert.DoesNotContain(timeline.Markers, m => m.Name == "dump");
    }

    [Fact]
    public async Task The_in_process_dump_step_is_a_bar_on_its_own_lane_at_its_recorded_time_with_a_dump_marker_at_its_start()
    {
        using var temp = new TempDirectory();
        var report = await StoredReports.Of(temp, "panicpath-dump");
        var dump = report.Dump;
        Assert.NotNull(dump);

        var timeline = ReportTimeline.From(report);

        Assert.Contains("crash-dump", timeline.Lanes);
        var bar = Assert.Single(timeline.Bars, b => b.Lane == "crash-dump");
        Assert.Equal((dump.StartMs, dump.Ms, dump.Outcome), (bar.Start, bar.Duration, bar.Outcome));
        Assert.Contains(dump.Path!, bar.Detail, StringComparison.Ordinal);
        Assert.Equal(dump.StartMs, Assert.Single(timeline.Markers, m => m.Name == "dump").At);
        Assert.Equal(report.Notifiers.Count, timeline.Bars.Count);
    }

    [Fact]
    public async Task A_version_1_report_lays_its_bars_end_to_end_in_the_report_order_from_the_entry()
    {
        using var temp = new TempDirectory();
        var report = await StoredReports.Of(temp, "panicpath-nested");
        report.Version = 1;
        report.Notifiers.ForEach(n => n.StartMs = null);
        report.Nested.ForEach(n => n.AtMs = null);
        (report.Dump, report.DeadlineMs, report.TotalMs) = (null, null, null);

        var bars = ReportTimeline.From(report).Bars.Where(b => b.Depth == 0).ToList();

        var timeline = ReportTimeline.From(report);
        Assert.Equal(0, bars[0].Start);
        for (var i = 1; i < bars.Count; i++)
        {
            Assert.Equal(bars[i - 1].Start + bars[i - 1].Duration, bars[i].Start, 9);
        }

        var nested = Assert.Single(timeline.Bars, b => b.Depth > 0);
        Assert.Equal(bars[1].Start, nested.Start);
        Assert.Equal(bars[1].Duration, nested.Duration, 9);
        Assert.Equal(["panic"], timeline.Markers.Select(m => m.Name));
    }

    [Fact]
    public async Task The_drawing_of_a_real_report_has_one_bar_per_notifier_in_the_recorded_order_each_as_wide_as_its_time()
    {
        using var temp = new TempDirectory();
        var report = await StoredReports.Of(temp, "panicpath-hangs", "2");

        var svg = XElement.Parse(TimelineSvg.Render(ReportTimeline.From(report)));

        var bars = svg.Descendants("g").Where(g => ((string?)g.Attribute("class") ?? string.Empty).Split(' ').Contains("bar")).ToList();
        Assert.Equal(report.Notifiers.Select(n => n.Name), bars.Select(b => (string?)b.Attribute("data-name")));
        Assert.Equal(report.Notifiers.Select(n => n.Outcome), bars.Select(b => (string?)b.Attribute("data-outcome")));
        Assert.Equal(["supervisor", "information", "teardown", "final"], svg.Descendants("g").Where(g => ((string?)g.Attribute("class") ?? string.Empty).StartsWith("lane", StringComparison.Ordinal)).Select(g => (string?)g.Attribute("data-lane")));
        var widths = bars.Select(b => double.Parse((string)b.Element("rect")!.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var perMs = widths[0] / report.Notifiers[0].Ms;
        for (var i = 0; i < bars.Count; i++)
        {
            Assert.Equal(Math.Max(TimelineSvg.MinBarWidth, report.Notifiers[i].Ms * perMs), widths[i], 0.05);
        }
    }
}
