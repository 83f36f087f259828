using System.Globalization;
using PanicPath.Model.Kernel;
using PanicPath.Reports;

namespace PanicPath.Cli.Timeline;

/// <summary>
/// A crash report's panic path as a <see cref="Timeline"/> in milliseconds from the panic's entry: one lane per notifier
/// list in the order the report first names it; one bar per notifier record, in the report's order, on its list's
/// lane, with its outcome; each nested panic a bar one level deeper under the notifier it was raised in (over that
/// notifier's time, or from where it was raised when the report says); a <c>panic</c> marker at the entry.
/// A version 1 report records no start offsets: its bars are laid end to end in the report's order.
/// </summary>
public static class ReportTimeline
{
    /// <summary>The lane of a nested panic whose notifier is not in the report.</summary>
    public const string NestedLane = "nested panics";

    /// <summary>The timeline of <paramref name="report"/>.</summary>
    public static Timeline From(CrashReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lanes = new List<string>();
        var bars = new List<TimelineBar>();
        var markers = new List<TimelineMarker> { new("panic", 0, $"{report.Kind} entry") };
        var end = 0.0;
        foreach (var record in report.Notifiers ?? [])
        {
            var lane = Lane(record.List);
            if (!lanes.Contains(lane, StringComparer.Ordinal))
            {
                lanes.Add(lane);
            }

            var ms = TimelineAxis.Length(record.Ms);
            var start = end;
            end = start + ms;
            bars.Add(new TimelineBar(lane, record.Name ?? string.Empty, start, ms, record.Outcome ?? string.Empty, 0, Detail(record)));
        }

        var notifiers = bars.ToList();
        foreach (var nested in report.Nested ?? [])
        {
            var parent = notifiers.LastOrDefault(b => b.Name == nested.Notifier);
            var name = $"nested panic: {nested.Reason}";
            var detail = $"raised in {nested.Notifier}{(nested.ExceptionType is { Length: > 0 } type ? $" by {type}" : string.Empty)}";
            if (parent is null)
            {
                if (!lanes.Contains(NestedLane, StringComparer.Ordinal))
                {
                    lanes.Add(NestedLane);
                }

                bars.Add(new TimelineBar(NestedLane, name, 0, 0, "nested", 1, detail));
            }
            else
            {
                bars.Add(new TimelineBar(parent.Lane, name, parent.Start, parent.Duration, "nested", parent.Depth + 1, detail));
            }
        }

        return new Timeline($"{report.Kind}: {report.Reason}", "ms", lanes, bars, markers);
    }

    private static string Lane(string? list) => string.IsNullOrEmpty(list) ? "(no list)" : list;

    /// <summary>The tooltip of a notifier's bar: its list, priority, outcome, time and the exception it threw.</summary>
    private static string Detail(NotifierRecord record) =>
        string.Create(CultureInfo.InvariantCulture, $"list {record.List}, priority {Machine.FormatPriority(record.Priority)}: {record.Outcome} after {TimelineAxis.Number(Math.Round(TimelineAxis.Finite(record.Ms), 3))} ms")
        + (record.Error is { Length: > 0 } error ? $", threw {error}" : string.Empty);
}
