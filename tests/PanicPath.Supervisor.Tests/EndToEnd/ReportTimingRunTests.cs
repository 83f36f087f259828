using System.Text.Json;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.EndToEnd;

/// <summary>A real crashing child under <c>panicpath run</c>: its stored report carries the path's timing, and <c>reports show</c> shows it.</summary>
public sealed class ReportTimingRunTests
{
    /// <summary>Two offsets rounded to the microsecond each may disagree with their sum by one rounding step.</summary>
    private const double Rounding = 0.0015;

    [Fact]
    public async Task A_crash_under_panicpath_run_is_stored_with_each_steps_start_and_the_deadline_and_reports_show_the_starts()
    {
        using var temp = new TempDirectory();

        var (_, _, error) = await CliRun.RunCrasher(temp, "panicpath-nested");

        Assert.Contains("panic: report delivered to the supervisor over the channel", error, StringComparison.Ordinal);
        var (report, _) = await Stored(temp);
        Assert.Equal(PanicPath.Reports.CrashReport.CurrentVersion, report.Version);
        Assert.Equal(["tell", "broken", "after", "throws"], report.Notifiers.Select(n => n.Name).ToArray());
        Assert.All(report.Notifiers, n => Assert.NotNull(n.StartMs));
        for (var i = 1; i < report.Notifiers.Count; i++)
        {
            var before = report.Notifiers[i - 1];
            Assert.True(report.Notifiers[i].StartMs >= before.StartMs + before.Ms - Rounding, $"step {i} ({report.Notifiers[i].Name}) starts before step {i - 1} ({before.Name}) ended");
        }

        var nested = Assert.Single(report.Nested);
        Assert.InRange(nested.AtMs!.Value, report.Notifiers[1].StartMs!.Value, report.Notifiers[2].StartMs!.Value);
        Assert.Equal(new PanicPath.Panics.PanicOptions().Deadline.TotalMilliseconds, report.DeadlineMs);
        Assert.Null(report.Dump);

        var (_, table, _) = await CliRun.Run("reports", "show", "1", "--data", temp.Sub("data"));
        Assert.Contains("start ms", table, StringComparison.Ordinal);
        Assert.Matches(@"\d+(\.\d+)?\s+\d+(\.\d+)?\s+teardown\s+ran\s+after", table);
        var (_, json, _) = await CliRun.Run("reports", "show", "1", "--data", temp.Sub("data"), "--json");
        var shown = JsonDocument.Parse(json).RootElement.GetProperty("report");
        Assert.Equal(report.Notifiers.Select(n => n.StartMs!.Value), shown.GetProperty("notifiers").EnumerateArray().Select(n => n.GetProperty("startMs").GetDouble()));
    }

    [Fact]
    public async Task An_in_process_dump_under_panicpath_run_is_stored_as_the_reports_dump_step_and_reports_show_it()
    {
        using var temp = new TempDirectory();

        await CliRun.RunCrasher(temp, "panicpath-dump");

        var (report, dump) = await Stored(temp);
        var step = Assert.IsType<PanicPath.Reports.DumpStep>(report.Dump);
        var record = report.Notifiers.Single(n => n.List == "crash-dump");
        Assert.Equal(("ran", dump, record.StartMs, record.Ms), (step.Outcome, step.Path, (double?)step.StartMs, step.Ms));
        Assert.True(report.TotalMs >= step.StartMs + step.Ms - Rounding);

        var (_, table, _) = await CliRun.Run("reports", "show", "1", "--data", temp.Sub("data"));
        Assert.Contains("dump step", table, StringComparison.Ordinal);
        var (_, json, _) = await CliRun.Run("reports", "show", "1", "--data", temp.Sub("data"), "--json");
        Assert.Equal(step.StartMs, JsonDocument.Parse(json).RootElement.GetProperty("report").GetProperty("dump").GetProperty("startMs").GetDouble());
    }

    /// <summary>The one death's report and dump, read from the store the run left.</summary>
    private static async Task<(PanicPath.Reports.CrashReport Report, string? Dump)> Stored(TempDirectory temp)
    {
        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        var listed = Assert.Single(await store.ListAsync(10));
        var death = (await store.GetAsync(listed.Id))!;
        return (death.Report!, death.Dump);
    }
}
