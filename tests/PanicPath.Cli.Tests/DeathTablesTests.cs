using PanicPath.Cli.Commands.Model;
using PanicPath.Cli.Commands.Supervisor;
using PanicPath.Reports;
using PanicPath.Supervisor.Deaths;

namespace PanicPath.Cli.Tests;

/// <summary><c>reports show</c>'s table: the report's steps with their start from the panic's entry, the dump step and the deadline, when the report has them.</summary>
public sealed class DeathTablesTests
{
    [Fact]
    public void A_version_2_report_shows_each_steps_start_the_dump_step_and_the_deadline()
    {
        var report = Report(2);
        report.Notifiers[0].StartMs = 0.5;
        report.Notifiers[1].StartMs = 1.25;
        report.Dump = new DumpStep { StartMs = 1.25, Ms = 12.5, Outcome = "ran", Path = "/dumps/core.42" };
        report.DeadlineMs = 20_000;
        report.TotalMs = 15.75;

        var shown = Shown(report);

        Assert.Contains("start ms", shown, StringComparison.Ordinal);
        Assert.Matches(@"0\.5\s+0\.25\s+supervisor\s+ran\s+tell", shown);
        Assert.Matches(@"1\.25\s+12\.5\s+crash-dump\s+ran\s+crash-dump", shown);
        Assert.Contains("dump step", shown, StringComparison.Ordinal);
        Assert.Contains("ran at 1.25 ms for 12.5 ms: /dumps/core.42", shown, StringComparison.Ordinal);
        Assert.Contains("20000 ms (report written at 15.75 ms)", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_1_report_shows_its_steps_without_a_start_and_no_dump_step_or_deadline()
    {
        var shown = Shown(Report(1));

        Assert.Matches(@"-\s+0\.25\s+supervisor\s+ran\s+tell", shown);
        Assert.DoesNotContain("dump step", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("deadline", shown, StringComparison.Ordinal);
    }

    private static CrashReport Report(int version) => new()
    {
        Version = version,
        Reason = "disk full",
        Notifiers =
        [
            new NotifierRecord { Name = "tell", List = "supervisor", Outcome = "ran", Ms = 0.25 },
            new NotifierRecord { Name = "crash-dump", List = "crash-dump", Outcome = "ran", Ms = 12.5 },
        ],
    };

    private static string Shown(CrashReport report)
    {
        var death = new DeathRecord
        {
            Id = 1,
            RunId = "run",
            Command = "app",
            Cause = DeathCause.Panic,
            Signature = "sig",
            Title = "disk full",
            Report = report,
        };
        using var output = new StringWriter();
        ModelRendering.Console(output).Write(DeathTables.Show(death));
        return output.ToString();
    }
}
