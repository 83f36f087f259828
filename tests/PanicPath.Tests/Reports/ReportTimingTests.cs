using System.Text;
using PanicPath.Dumps;
using PanicPath.Lists;
using PanicPath.Notifiers;
using PanicPath.Panics;
using PanicPath.Reports;
using PanicPath.Tests.Channel;
using PanicPath.Tests.Panics;

namespace PanicPath.Tests.Reports;

/// <summary>
/// The report's timing (wire version 2): each step's start from the panic's entry, the dump step, the
/// deadline and the total, and version 1 reports still read with those fields null.
/// </summary>
public sealed class ReportTimingTests
{
    /// <summary>Two offsets rounded to the microsecond each may disagree with their sum by one rounding step.</summary>
    private const double Rounding = 0.0015;

    /// <summary>A version 1 report as the version 1 library wrote it: every field, none of version 2's.</summary>
    internal const string Version1Report =
        "{\"version\":1,\"kind\":\"panic\",\"reason\":\"disk full\",\"pid\":4242,\"threadId\":1,\"uptimeMs\":1520.5,"
        + "\"timestamp\":\"2026-11-01T10:00:00.0000000Z\",\"exception\":{\"type\":\"System.IO.IOException\",\"message\":\"no space\","
        + "\"hresult\":-2146232800,\"method\":\"App.Program.Main\",\"signature\":\"0123456789abcdef\"},\"form\":\"short\",\"log\":null,"
        + "\"notifiers\":[{\"name\":\"tell\",\"list\":\"supervisor\",\"priority\":3,\"outcome\":\"ran\",\"ms\":0.25,\"error\":null},"
        + "{\"name\":\"crash-dump\",\"list\":\"crash-dump\",\"priority\":0,\"outcome\":\"ran\",\"ms\":12.5,\"error\":null}],"
        + "\"nested\":[{\"notifier\":\"tell\",\"reason\":\"again\",\"exceptionType\":null}],"
        + "\"dumpPath\":\"/data/dumps/core.4242\",\"deadlineExceeded\":false,\"exitCode\":70}";

    [Fact]
    public void A_notifier_that_sleeps_pushes_the_start_of_the_next_step_past_its_own_start_and_duration()
    {
        var h = new PathHarness();
        h.Add("first", PanicList.Supervisor, 2);
        h.Add("sleeper", PanicList.Supervisor, 1, () => Thread.Sleep(30));
        h.Add("after", PanicList.Supervisor, 0);
        h.Add("last", PanicList.Final);

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

        Assert.Equal(["first", "sleeper", "after", "last"], report.Notifiers.Select(n => n.Name).ToArray());
        Assert.All(report.Notifiers, n => Assert.NotNull(n.StartMs));
        var sleeper = report.Notifiers[1];
        Assert.True(sleeper.Ms > 0);
        Assert.True(report.Notifiers[2].StartMs >= sleeper.StartMs + sleeper.Ms - Rounding, $"after starts at {report.Notifiers[2].StartMs}, the sleeper at {sleeper.StartMs} for {sleeper.Ms}");
        for (var i = 1; i < report.Notifiers.Count; i++)
        {
            var before = report.Notifiers[i - 1];
            Assert.True(report.Notifiers[i].StartMs >= before.StartMs + before.Ms - Rounding, $"step {i} starts before step {i - 1} ended");
        }
    }

    [Theory]
    [InlineData(DumpPolicy.BeforeLists)]
    [InlineData(DumpPolicy.AfterInformation)]
    [InlineData(DumpPolicy.AfterLists)]
    public void The_dump_step_starts_after_the_steps_it_follows_in_the_path_order_and_names_its_file(DumpPolicy policy)
    {
        var writer = new SleepingDumpWriter();
        var h = new PathHarness(new PanicOptions { DumpPolicy = policy, DumpWriter = writer, Platform = CrashPlatform.Linux, DumpDirectory = Path.GetTempPath(), NotifierBudget = TimeSpan.FromSeconds(5), Deadline = TimeSpan.FromSeconds(60) });
        foreach (var list in Enum.GetValues<PanicList>())
        {
            h.Add(list.ToString().ToLowerInvariant(), list, body: () => Thread.Sleep(5));
        }

        try
        {
            var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

            var dump = Assert.IsType<DumpStep>(report.Dump);
            Assert.Equal("ran", dump.Outcome);
            Assert.Equal(writer.Written, dump.Path);
            Assert.Equal(report.DumpPath, dump.Path);
            var at = report.Notifiers.FindIndex(n => n.List == "crash-dump");
            Assert.Equal((report.Notifiers[at].StartMs, report.Notifiers[at].Ms), (dump.StartMs, dump.Ms));
            var before = report.Notifiers.Take(at).ToList();
            var after = report.Notifiers.Skip(at + 1).ToList();
            Assert.Equal(policy == DumpPolicy.BeforeLists ? 0 : policy == DumpPolicy.AfterInformation ? 2 : 4, before.Count);
            Assert.All(before, n => Assert.True(dump.StartMs >= n.StartMs + n.Ms - Rounding, $"the dump starts at {dump.StartMs}, before {n.Name} ended"));
            Assert.All(after, n => Assert.True(n.StartMs >= dump.StartMs + dump.Ms - Rounding, $"{n.Name} starts at {n.StartMs}, before the dump ended"));
        }
        finally
        {
            File.Delete(writer.Written!);
        }
    }

    [Fact]
    public void Without_an_in_process_dump_writer_the_report_has_no_dump_step()
    {
        var h = new PathHarness();
        h.Add("tell", PanicList.Supervisor);

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

        Assert.Null(report.Dump);
        Assert.DoesNotContain("\"dump\"", Encoding.UTF8.GetString(report.ToUtf8Json()), StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_carries_the_configured_deadline_and_a_total_no_earlier_than_the_last_step_ended()
    {
        var h = new PathHarness(new PanicOptions { SpoolDirectory = null, NotifierBudget = TimeSpan.FromSeconds(5), Deadline = TimeSpan.FromSeconds(37.5) });
        h.Add("tell", PanicList.Supervisor, body: () => Thread.Sleep(5));
        h.Add("last", PanicList.Final);

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

        Assert.Equal(37_500, report.DeadlineMs);
        var last = report.Notifiers[^1];
        Assert.NotNull(report.TotalMs);
        Assert.True(report.TotalMs >= last.StartMs + last.Ms - Rounding, $"total {report.TotalMs}, the last step ended at {last.StartMs + last.Ms}");
    }

    [Fact]
    public void A_nested_panic_is_timed_within_the_step_it_abandoned()
    {
        var h = new PathHarness();
        h.Add("before", PanicList.Supervisor, body: () => Thread.Sleep(5));
        h.Runtime.Register(new PanicNotifier("panics-again", PanicList.Information, (in PanicEvent e) =>
        {
            Thread.Sleep(5);
            Panic.Now("nested reason", null);
            return NotifyResult.Done;
        }));
        h.Add("after", PanicList.Teardown);

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "outer", null);

        var nested = Assert.Single(report.Nested);
        var abandoned = report.Notifiers.Single(n => n.Name == "panics-again");
        Assert.Equal("abandoned", abandoned.Outcome);
        Assert.NotNull(nested.AtMs);
        Assert.True(nested.AtMs >= abandoned.StartMs, $"nested at {nested.AtMs}, its step started at {abandoned.StartMs}");
        Assert.True(nested.AtMs <= report.Notifiers.Single(n => n.Name == "after").StartMs, "the nested panic is timed after the next step started");
    }

    [Fact]
    public void The_short_report_at_entry_carries_the_deadline_but_no_total_and_no_dump_step()
    {
        using var supervisor = new FakeSupervisor(version: ChannelFrame.Version3);
        var h = new PathHarness(new PanicOptions { SpoolDirectory = null, ChannelAddress = supervisor.Address, NotifierBudget = TimeSpan.FromSeconds(5), Deadline = TimeSpan.FromSeconds(20), DumpWriter = new SleepingDumpWriter(), DumpDirectory = Path.GetTempPath() });
        h.Add("tell", PanicList.Supervisor);

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);
        File.Delete(report.DumpPath!);

        Assert.True(supervisor.ReportArrived.Wait(TimeSpan.FromSeconds(60)));
        var entry = Encoding.UTF8.GetString(Assert.Single(supervisor.ShortReportBytes));
        var parsed = CrashReport.Parse(Encoding.UTF8.GetBytes(entry));
        Assert.Equal(CrashReport.CurrentVersion, parsed.Version);
        Assert.Equal(20_000, parsed.DeadlineMs);
        Assert.Null(parsed.TotalMs);
        Assert.Null(parsed.Dump);
        Assert.DoesNotContain("totalMs", entry, StringComparison.Ordinal);
    }

    [Fact]
    public void The_timed_report_written_without_allocating_is_byte_for_byte_the_serialised_report()
    {
        var h = new PathHarness(new PanicOptions { SpoolDirectory = null, NotifierBudget = TimeSpan.FromSeconds(5), Deadline = TimeSpan.FromSeconds(60), DumpPolicy = DumpPolicy.AfterInformation, DumpWriter = new SleepingDumpWriter(), DumpDirectory = Path.GetTempPath() });
        h.Add("plain", PanicList.Supervisor, 3);
        h.Runtime.Register(new PanicNotifier("panics-again", PanicList.Information, (in PanicEvent e) =>
        {
            Panic.Now("nested", new TimeoutException("inner"));
            return NotifyResult.Done;
        }));
        h.Add("final", PanicList.Final);

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "why", null);
        File.Delete(report.DumpPath!);
        var written = Encoding.UTF8.GetString(h.Runtime.LastReportBytes);

        Assert.Equal(Encoding.UTF8.GetString(report.ToUtf8Json()), written);
        foreach (var field in new[] { "\"startMs\":", "\"atMs\":", "\"dump\":{\"startMs\":", "\"deadlineMs\":60000", "\"totalMs\":" })
        {
            Assert.Contains(field, written, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_version_1_report_reads_with_every_timing_field_null()
    {
        var report = CrashReport.Parse(Encoding.UTF8.GetBytes(Version1Report));

        Assert.Equal(1, report.Version);
        Assert.Equal(["tell", "crash-dump"], report.Notifiers.Select(n => n.Name).ToArray());
        Assert.All(report.Notifiers, n => Assert.Null(n.StartMs));
        Assert.Null(Assert.Single(report.Nested).AtMs);
        Assert.Null(report.Dump);
        Assert.Null(report.DeadlineMs);
        Assert.Null(report.TotalMs);
        Assert.Equal("/data/dumps/core.4242", report.DumpPath);
    }

    [Fact]
    public void A_version_1_report_read_and_written_again_is_the_same_bytes()
    {
        Assert.Equal(Version1Report, Encoding.UTF8.GetString(CrashReport.Parse(Encoding.UTF8.GetBytes(Version1Report)).ToUtf8Json()));
    }

    [Fact]
    public void A_version_2_report_read_back_keeps_its_timing()
    {
        var report = CrashReport.Parse(Encoding.UTF8.GetBytes(Version1Report));
        report.Version = 2;
        report.Notifiers[0].StartMs = 0.5;
        report.Notifiers[1].StartMs = 1.25;
        report.Nested[0].AtMs = 0.6;
        report.Dump = new DumpStep { StartMs = 1.25, Ms = 12.5, Outcome = "ran", Path = report.DumpPath };
        report.DeadlineMs = 30_000;
        report.TotalMs = 15.75;

        var back = CrashReport.Parse(report.ToUtf8Json());

        Assert.Equal([0.5, 1.25], back.Notifiers.Select(n => n.StartMs!.Value).ToArray());
        Assert.Equal(0.6, back.Nested[0].AtMs);
        Assert.Equal((1.25, 12.5, "ran", "/data/dumps/core.4242"), (back.Dump!.StartMs, back.Dump.Ms, back.Dump.Outcome, back.Dump.Path));
        Assert.Equal((30_000d, 15.75d), (back.DeadlineMs!.Value, back.TotalMs!.Value));
    }

    /// <summary>Writes a small file after a short sleep, so that the dump step takes visible time.</summary>
    private sealed class SleepingDumpWriter : ICrashDumpWriter
    {
        internal string? Written { get; private set; }

        public string WriteDump(string directory)
        {
            Thread.Sleep(5);
            Written = Path.Combine(directory, $"timing-dump-{Guid.NewGuid():N}.dmp");
            File.WriteAllText(Written, "dump");
            return Written;
        }
    }
}
