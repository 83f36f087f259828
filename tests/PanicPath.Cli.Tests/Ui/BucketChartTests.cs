using System.Globalization;
using System.Text.RegularExpressions;
using PanicPath.Cli.Commands.Ui;
using PanicPath.Supervisor.Store;

namespace PanicPath.Cli.Tests.Ui;

/// <summary>
/// A bucket's chart in the web view: hours for deaths within two days, else days; at least a day of hours
/// or a month of days ending at the last period, so that one busy hour is one narrow bar at the right and
/// not the whole chart; at most 120 periods, the latest; bar heights to scale with the busiest period.
/// </summary>
public sealed partial class BucketChartTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Deaths_within_one_hour_are_one_bar_in_the_last_of_twenty_four_hourly_slots()
    {
        var span = BucketChart.Span.For(T0, T0.AddMinutes(10));
        var svg = BucketChart.Render(span, [new BucketCount("a", new DateTimeOffset(2026, 1, 2, 3, 0, 0, TimeSpan.Zero), 3)]);

        Assert.Equal(BucketPeriod.Hour, span.Period);
        Assert.Equal(24, span.Count);
        var bar = Assert.Single(Bars(svg));
        Assert.Equal((230.0, 3L, "2026-01-02T03:00:00Z"), bar);
    }

    [Fact]
    public void Deaths_over_more_than_two_days_are_counted_per_day_and_scaled_to_the_busiest_day()
    {
        var span = BucketChart.Span.For(T0, T0.AddDays(3));
        var day = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero);
        var svg = BucketChart.Render(span, [new BucketCount("a", day, 4), new BucketCount("a", day.AddDays(3), 2)]);

        Assert.Equal(BucketPeriod.Day, span.Period);
        Assert.Equal(30, span.Count);
        Assert.Equal([(26 * 8.0, 4L, "2026-01-02T00:00:00Z"), (29 * 8.0, 2L, "2026-01-05T00:00:00Z")], Bars(svg));
        var heights = Regex.Matches(svg, "height=\"([0-9.]+)\" data-start").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2 * heights[1], heights[0]);
    }

    [Fact]
    public void A_span_of_more_than_120_days_draws_the_latest_120_and_leaves_older_counts_out()
    {
        var span = BucketChart.Span.For(T0, T0.AddDays(200));
        var svg = BucketChart.Render(span, [new BucketCount("a", new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), 1), new BucketCount("a", new DateTimeOffset(2026, 7, 21, 0, 0, 0, TimeSpan.Zero), 1)]);

        Assert.Equal(120, span.Count);
        Assert.Equal([(119 * 2.0, 1L, "2026-07-21T00:00:00Z")], Bars(svg));
    }

    /// <summary>Each bar's x, count and period start.</summary>
    private static List<(double X, long Count, string Start)> Bars(string svg) =>
        [.. Bar().Matches(svg).Select(m => (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), m.Groups[2].Value))];

    [GeneratedRegex("<rect class=\"period\" x=\"([0-9.]+)\"[^>]*data-start=\"([^\"]+)\" data-count=\"(\\d+)\"")]
    private static partial Regex Bar();
}
