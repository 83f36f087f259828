using System.Globalization;
using PanicPath.Model.Kernel;
using PanicPath.Reports;

namespace PanicPath.Cli.Timeline;

/// <summary>
/// A crash report's panic path as a <see cref="Timeline"/> in milliseconds from the panic's entry (its origin, so the
/// scale always starts there): one lane per step
/// list in the order the report first names it (<c>supervisor</c>, <c>information</c>, …, <c>crash-dump</c> for the
/// in-process dump step); one bar per notifier record, in the report's order, on its list's lane, from its start
/// (<see cref="NotifierRecord.StartMs"/>) for its duration, with its outcome; each nested panic a bar one level deeper
/// under the step it was raised in, from when it was seen (<see cref="NestedPanic.AtMs"/>) to that step's end; markers
/// at the entry (<c>panic</c>), the dump step's start (<c>dump</c>), the configured deadline (<c>deadline</c>) and the
/// report's completion (<c>report</c>).
/// <para>A version 1 report records no offsets: its bars are laid end to end in the report's order from the entry, a
/// nested panic spans its step, and there is no dump, deadline or report marker. A record without a start in a version
/// 2 report starts where the bar before it ended.</para>
/// </summary>
public static class ReportTimeline
{
    /// <summary>The lane of a nested panic whose step is not in the report.</summary>
    public const string NestedLane = "nested panics";

    /// <summary>The lane of the dump step when the report has it but no step record for it.</summary>
    public const string DumpLane = "crash-dump";

    /// <summary>The timeline of <paramref name="report"/>.</summary>
    public static Timeline From(CrashReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lanes = new List<string>();
        var bars = new List<TimelineBar>();
        void AddLane(string lane)
        {
            if (!lanes.Contains(lane, StringComparer.Ordinal))
            {
                lanes.Add(lane);
            }
        }

        var end = 0.0;
        foreach (var record in report.Notifiers ?? [])
        {
            var lane = Lane(record.List);
            AddLane(lane);
            var ms = TimelineAxis.Length(record.Ms);
            var start = record.StartMs is { } at && double.IsFinite(at) ? at : end;
            end = start + ms;
            bars.Add(new TimelineBar(lane, record.Name ?? string.Empty, start, ms, record.Outcome ?? string.Empty, 0, Detail(record, report.Dump)));
        }

        if (report.Dump is { } dump && !bars.Any(b => b.Lane == DumpLane))
        {
            AddLane(DumpLane);
            bars.Add(new TimelineBar(DumpLane, "dump", dump.StartMs, TimelineAxis.Length(dump.Ms), dump.Outcome ?? string.Empty, 0, DumpDetail(dump)));
        }

        var steps = bars.ToList();
        foreach (var nested in report.Nested ?? [])
        {
            var parent = steps.LastOrDefault(b => b.Name == nested.Notifier && b.Outcome == "abandoned") ?? steps.LastOrDefault(b => b.Name == nested.Notifier);
            var name = $"nested panic: {nested.Reason}";
            var detail = $"raised in {nested.Notifier}{(nested.ExceptionType is { Length: > 0 } type ? $" by {type}" : string.Empty)}"
                + (nested.AtMs is { } seen ? string.Create(CultureInfo.InvariantCulture, $", seen at {Ms(seen)} ms") : string.Empty);
            if (parent is null)
            {
                AddLane(NestedLane);
                bars.Add(new TimelineBar(NestedLane, name, nested.AtMs ?? 0, 0, "nested", 1, detail));
                continue;
            }

            var start = nested.AtMs is { } at && double.IsFinite(at) ? at : parent.Start;
            bars.Add(new TimelineBar(parent.Lane, name, start, Math.Max(0, parent.Start + parent.Duration - start), "nested", parent.Depth + 1, detail));
        }

        var markers = new List<TimelineMarker> { new("panic", 0, $"{report.Kind} entry") };
        if (report.Dump is { } step)
        {
            markers.Add(new TimelineMarker("dump", step.StartMs, "dump"));
        }

        if (report.DeadlineMs is { } deadline)
        {
            markers.Add(new TimelineMarker("deadline", deadline, string.Create(CultureInfo.InvariantCulture, $"deadline {Ms(deadline)} ms{(report.DeadlineExceeded ? " (exceeded)" : string.Empty)}")));
        }

        if (report.TotalMs is { } total)
        {
            markers.Add(new TimelineMarker("report", total, "report written"));
        }

        return new Timeline($"{report.Kind}: {report.Reason}", "ms", lanes, bars, markers) { Origin = 0 };
    }

    private static string Lane(string? list) => string.IsNullOrEmpty(list) ? "(no list)" : list;

    /// <summary>The tooltip of a step's bar: its list, priority, outcome, time, the exception it threw, the dump file it wrote.</summary>
    private static string Detail(NotifierRecord record, DumpStep? dump) =>
        string.Create(CultureInfo.InvariantCulture, $"list {record.List}, priority {Machine.FormatPriority(record.Priority)}: {record.Outcome} after {Ms(record.Ms)} ms")
        + (record.Error is { Length: > 0 } error ? $", threw {error}" : string.Empty)
        + (record.List == DumpLane && dump?.Path is { Length: > 0 } path ? $", wrote {path}" : string.Empty);

    private static string DumpDetail(DumpStep dump) =>
        string.Create(CultureInfo.InvariantCulture, $"the in-process dump: {dump.Outcome} after {Ms(dump.Ms)} ms")
        + (dump.Path is { Length: > 0 } path ? $", wrote {path}" : string.Empty);

    /// <summary>Milliseconds as the report's tooltips write them: three decimals at most.</summary>
    private static string Ms(double ms) => TimelineAxis.Number(Math.Round(TimelineAxis.Finite(ms), 3));
}
