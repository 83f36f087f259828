using System.Globalization;
using PanicPath.Cli.Commands.Model;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Store;
using Spectre.Console;

namespace PanicPath.Cli.Commands.Supervisor;

/// <summary>
/// The table forms of deaths and buckets, plain text (times in UTC). A pending death (stored at its first
/// report, not yet completed) lists as <c>CAUSE (pending)</c> with no exit code, and shows its state. One
/// death shows its report's steps (start from the panic's entry, duration, list, outcome, name; the start
/// is <c>-</c> in a version 1 report, which has none), its dump step and its deadline when the report has
/// them; and the exception it is told by (type and message) after its title, and that exception's stack
/// (inner exceptions rendered, the panic path's frames left out) before its output tails, when it has one.
/// </summary>
internal static class DeathTables
{
    public static Table List(IEnumerable<DeathRecord> deaths)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in new[] { "id", "ended (UTC)", "cause", "exit", "signal", "signature", "title" })
        {
            table.AddColumn(ModelRendering.Header(column));
        }

        foreach (var death in deaths)
        {
            table.AddRow(
                death.Id.ToString(CultureInfo.InvariantCulture),
                Time(death.EndedAt),
                death.Pending ? $"{death.Cause} (pending)" : death.Cause,
                death.Pending ? "-" : death.ExitCode.ToString(CultureInfo.InvariantCulture),
                death.Signal ?? "-",
                death.Signature,
                Markup.Escape(Printable(Shorten(death.Title, 80))));
        }

        return table;
    }

    public static Table Show(DeathRecord death)
    {
        var table = new Table().Border(TableBorder.Simple).HideHeaders();
        table.AddColumn("field");
        table.AddColumn("value");
        void Row(string name, string? value) => table.AddRow(ModelRendering.Header(name), Markup.Escape(Printable(value ?? "-")));
        Row("id", death.Id.ToString(CultureInfo.InvariantCulture));
        Row("cause", death.Cause);
        if (death.Pending)
        {
            Row("state", "pending: stored at its first report; the exit, dump and tails are recorded when the child has exited (or by the next start)");
        }

        Row("title", death.Title);
        if (death.ExceptionType is { } exceptionType)
        {
            Row("exception", death.ExceptionMessage is { Length: > 0 } message ? $"{exceptionType}: {message}" : exceptionType);
        }

        Row("exit code", death.Pending ? $"{death.ExitCode.ToString(CultureInfo.InvariantCulture)} (intended by the report)" : death.ExitCode.ToString(CultureInfo.InvariantCulture));
        Row("signal", death.Signal);
        Row("command", death.Command);
        Row("host", death.Host);
        Row("pid", death.Pid.ToString(CultureInfo.InvariantCulture));
        Row("run", $"{death.RunId} (attempt {death.Attempt})");
        Row("started", Time(death.StartedAt));
        Row("ended", Time(death.EndedAt));
        Row("signature", death.Signature);
        Row("report", death.Report is { } r ? $"{r.Kind}: {r.Reason} ({r.Form} form, {r.Notifiers.Count} notifiers)" : null);
        if (death.Report is { Notifiers.Count: > 0 } report)
        {
            table.AddRow(new Markup(ModelRendering.Header("steps")), Steps(report));
        }

        if (death.Report?.Dump is { } step)
        {
            Row("dump step", $"{step.Outcome} at {Ms(step.StartMs)} ms for {Ms(step.Ms)} ms{(step.Path is { } written ? $": {written}" : string.Empty)}");
        }

        if (death.Report is { DeadlineMs: { } deadline } timed)
        {
            Row("deadline", timed.TotalMs is { } total ? $"{Ms(deadline)} ms (report written at {Ms(total)} ms)" : $"{Ms(deadline)} ms");
        }

        Row("dump", death.Dump is { } dump && death.DumpPrunedAt is { } pruned ? $"{dump} (pruned {Time(pruned)} UTC)" : death.Dump);
        Row("crash report", death.CrashReport);
        if (death.ExceptionStack is { } stack)
        {
            Row("stack", stack);
        }

        Row("stdout tail", death.StdoutTail);
        Row("stderr tail", death.StderrTail);
        return table;
    }

    public static Table Buckets(IEnumerable<DeathBucket> buckets)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in new[] { "signature", "cause", "count", "first seen (UTC)", "last seen (UTC)", "title" })
        {
            table.AddColumn(ModelRendering.Header(column));
        }

        foreach (var bucket in buckets)
        {
            table.AddRow(bucket.Signature, bucket.Cause, bucket.Count.ToString(CultureInfo.InvariantCulture), Time(bucket.FirstSeen), Time(bucket.LastSeen), Markup.Escape(Printable(Shorten(bucket.Title, 80))));
        }

        return table;
    }

    /// <summary>The report's steps in run order: start (ms from the panic's entry), duration (ms), list, outcome, name.</summary>
    private static Table Steps(PanicPath.Reports.CrashReport report)
    {
        var steps = new Table().Border(TableBorder.Simple);
        steps.AddColumn(new TableColumn(ModelRendering.Header("start ms")).RightAligned());
        steps.AddColumn(new TableColumn(ModelRendering.Header("ms")).RightAligned());
        steps.AddColumn(ModelRendering.Header("list"));
        steps.AddColumn(ModelRendering.Header("outcome"));
        steps.AddColumn(ModelRendering.Header("name"));
        foreach (var step in report.Notifiers)
        {
            steps.AddRow(step.StartMs is { } start ? Ms(start) : "-", Ms(step.Ms), Markup.Escape(Printable(step.List)), Markup.Escape(Printable(step.Outcome)), Markup.Escape(Printable(step.Name)));
        }

        return steps;
    }

    private static string Ms(double ms) => ms.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="text"/> safe to print on a terminal: each control character other than line feed and tab
    /// (C0, DEL and C1, the escape that starts a terminal's sequences among them) shown as its picture
    /// (<c>␛</c> for ESC, U+2400 and on; <c>␡</c> for DEL) or, for C1, as U+FFFD; what an app wrote cannot
    /// retitle, clear or reprogram the terminal of the one reading its death.
    /// </summary>
    internal static string Printable(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\u0000', '\u001f') && !text.AsSpan().ContainsAnyInRange('\u007f', '\u009f'))
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c switch
                {
                    '\n' or '\t' => c,
                    < ' ' => (char)(0x2400 + c),
                    '\u007f' => '\u2421',
                    >= '\u0080' and <= '\u009f' => '\uFFFD',
                    _ => c,
                };
            }
        });
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
