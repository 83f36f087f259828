using System.Globalization;
using System.Text;
using PanicPath.Supervisor.Store;

namespace PanicPath.Cli.Commands.Ui;

/// <summary>
/// A bucket's deaths over time as a small inline SVG bar chart, <c>&lt;svg class="chart"&gt;</c>: one slot
/// per period (an hour or a day, UTC) from <see cref="Span.First"/> to <see cref="Span.Last"/>, a
/// <c>&lt;rect class="period" data-start="…" data-count="N"&gt;</c> with a <c>&lt;title&gt;</c> in each slot
/// that had deaths, its height to scale with the bucket's busiest period. At least <see cref="MinHours"/>
/// hours or <see cref="MinDays"/> days and at most <see cref="MaxPeriods"/> periods are drawn, ending at the last.
/// </summary>
internal static class BucketChart
{
    /// <summary>The most periods one chart draws.</summary>
    public const int MaxPeriods = 120;

    /// <summary>The fewest hours a chart by the hour draws, ending at the last.</summary>
    public const int MinHours = 24;

    /// <summary>The fewest days a chart by the day draws, ending at the last.</summary>
    public const int MinDays = 30;

    private const double Width = 240;
    private const double Height = 32;

    /// <summary>The periods every chart of a page spans: the period, and the first and last period start.</summary>
    public sealed record Span(BucketPeriod Period, DateTimeOffset First, DateTimeOffset Last)
    {
        /// <summary>
        /// How many periods the charts draw: every period from the first to the last, at least a day of hours
        /// or a month of days (so that one busy period is a bar among empty ones, not the whole chart), at most
        /// <see cref="MaxPeriods"/>.
        /// </summary>
        public int Count => Math.Clamp(Index(Last, First) + 1, Period == BucketPeriod.Hour ? MinHours : MinDays, MaxPeriods);

        /// <summary>The start of the first period drawn.</summary>
        public DateTimeOffset Start => Step(Last, -(Count - 1));

        /// <summary>The span for deaths seen from <paramref name="first"/> to <paramref name="last"/>: hours for up to two days, else days.</summary>
        public static Span For(DateTimeOffset first, DateTimeOffset last)
        {
            var period = last - first <= TimeSpan.FromDays(2) ? BucketPeriod.Hour : BucketPeriod.Day;
            return new Span(period, Floor(first, period), Floor(last, period));
        }

        /// <summary>"hour" or "day".</summary>
        public string Name => Period == BucketPeriod.Hour ? "hour" : "day";

        /// <summary>The period of <paramref name="at"/> counted from <paramref name="from"/>.</summary>
        public int Index(DateTimeOffset at, DateTimeOffset from) =>
            (int)((Floor(at, Period) - from).Ticks / (Period == BucketPeriod.Hour ? TimeSpan.TicksPerHour : TimeSpan.TicksPerDay));

        private DateTimeOffset Step(DateTimeOffset at, int periods) => Period == BucketPeriod.Hour ? at.AddHours(periods) : at.AddDays(periods);

        private static DateTimeOffset Floor(DateTimeOffset time, BucketPeriod period)
        {
            var utc = time.UtcDateTime;
            return new DateTimeOffset(period == BucketPeriod.Hour ? new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc) : utc.Date, TimeSpan.Zero);
        }
    }

    /// <summary>The chart of one bucket's <paramref name="counts"/> over <paramref name="span"/>.</summary>
    public static string Render(Span span, IEnumerable<BucketCount> counts)
    {
        var start = span.Start;
        var slots = span.Count;
        var shown = counts.Select(c => (Index: span.Index(c.Start, start), c.Start, c.Count)).Where(c => c.Index >= 0 && c.Index < slots).ToList();
        var busiest = shown.Count == 0 ? 1 : shown.Max(c => c.Count);
        var slot = Width / slots;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height + 2}" viewBox="0 0 {Width} {Height + 2}" role="img" aria-label="deaths per {span.Name}">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<line class="axis" x1="0" y1="{Height + 1}" x2="{Width}" y2="{Height + 1}"/>""");
        foreach (var (index, at, count) in shown)
        {
            var height = Math.Max(1.0, Height * count / busiest);
            var label = string.Create(CultureInfo.InvariantCulture, $"{at.UtcDateTime:yyyy-MM-dd HH:mm}Z: {count} death{(count == 1 ? string.Empty : "s")} in the {span.Name}");
            svg.Append(CultureInfo.InvariantCulture,
                $"""<rect class="period" x="{index * slot:0.##}" y="{Height - height:0.##}" width="{Math.Max(1.0, slot - 1):0.##}" height="{height:0.##}" data-start="{at.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}" data-count="{count}"><title>{UiHtml.Encode(label)}</title></rect>""");
        }

        return svg.Append("</svg>").ToString();
    }
}
