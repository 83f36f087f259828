using System.Text;
using PanicPath.Lists;
using PanicPath.Notifiers;
using PanicPath.Panics;
using PanicPath.Reports;
using PanicPath.Tests.Channel;

namespace PanicPath.Tests.Panics;

/// <summary>After install the path allocates nothing on the panicking thread, and the report it writes is the serialised report.</summary>
public sealed class PathAllocationTests
{
    [Theory]
    [InlineData(ReportForm.Short)]
    [InlineData(ReportForm.Long)]
    public void From_trigger_to_report_bytes_the_path_allocates_nothing_after_install(ReportForm form)
    {
        // The runtime's own per-thread storage (thread statics, first use on this thread) is not the path's.
        EightNotifiers(form).RunInline(PanicKind.Panic, "another runtime, earlier", null);
        var runtime = EightNotifiers(form);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var length = runtime.RunInline(PanicKind.Panic, "no exception", null);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(length > 0);
        var report = CrashReport.Parse(runtime.LastReportBytes);
        Assert.Equal(8, report.Notifiers.Count);
        Assert.Equal(form == ReportForm.Long ? "long" : "short", report.Form);
    }

    [Theory]
    [InlineData(ReportForm.Short, ChannelFrame.Version2)]
    [InlineData(ReportForm.Long, ChannelFrame.Version2)]
    [InlineData(ReportForm.Short, ChannelFrame.Version3)]
    [InlineData(ReportForm.Long, ChannelFrame.Version3)]
    public void With_a_version_2_or_3_supervisor_the_short_report_at_entry_and_the_report_at_the_end_go_over_the_channel_without_allocating(ReportForm form, byte version)
    {
        using var supervisor = new FakeSupervisor(version: version);
        EightNotifiers(form, supervisor.Address).RunInline(PanicKind.Panic, "another runtime, earlier", null);
        var runtime = EightNotifiers(form, supervisor.Address);
        Assert.Equal(version, runtime.Channel!.Version);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var length = runtime.RunInline(PanicKind.Panic, "no exception", null);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(length > 0);
        Assert.True(supervisor.ReportArrived.Wait(TimeSpan.FromSeconds(60)));
        Assert.True(supervisor.ReportArrived.Wait(TimeSpan.FromSeconds(60)));
        var entry = supervisor.ShortReports.Last();
        Assert.Equal(("no exception", "short", 0, 0), (entry.Reason, entry.Form, entry.Notifiers.Count, entry.Nested.Count));
        Assert.Equal(8, supervisor.Reports.Last().Notifiers.Count);
        Assert.Equal(version == ChannelFrame.Version3 ? 2 : 1, supervisor.Reports.Last().Version);
    }

    [Fact]
    public void The_short_report_at_entry_is_byte_for_byte_the_serialised_report_of_the_run_before_its_first_step()
    {
        using var supervisor = new FakeSupervisor(version: ChannelFrame.Version2);
        var runtime = EightNotifiers(ReportForm.Long, supervisor.Address);
        var exception = Thrown();

        runtime.RunWithoutExit(PanicKind.Oops, "why \u00e9 \n \"quoted\"", exception);
        Assert.True(supervisor.ReportArrived.Wait(TimeSpan.FromSeconds(60)));
        var entry = Assert.Single(supervisor.ShortReportBytes);
        var expected = runtime.BuildLastReport();
        expected.Form = "short";
        expected.Log = null;
        expected.Notifiers.Clear();
        expected.Nested.Clear();
        expected.Dump = null;
        expected.TotalMs = null;
        expected.ExitCode = runtime.Options.ExitCode;

        Assert.Equal(Encoding.UTF8.GetString(expected.ToUtf8Json()), Encoding.UTF8.GetString(entry));
    }

    [Fact]
    public void With_an_exception_the_path_allocates_only_what_describing_the_exception_takes()
    {
        var runtime = EightNotifiers(ReportForm.Long);
        var exception = Thrown();
        runtime.RunInline(PanicKind.Panic, "first", exception);

        var describing = GC.GetAllocatedBytesForCurrentThread();
        StackSignature.DescribeSafely(exception);
        describing = GC.GetAllocatedBytesForCurrentThread() - describing;
        var before = GC.GetAllocatedBytesForCurrentThread();
        runtime.RunInline(PanicKind.Panic, "second", exception);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(describing, allocated);
    }

    [Fact]
    public void On_a_thread_that_never_wrote_a_report_an_exception_s_stack_lines_and_inner_exceptions_cost_only_their_description()
    {
        var runtime = EightNotifiers(ReportForm.Long);
        var exception = ThrownWithInner();
        runtime.RunInline(PanicKind.Panic, "first", exception);
        long describing = 0, allocated = 0;
        var thread = new Thread(() =>
        {
            // The runtime's own per-thread storage, first used on this thread by a report without an exception.
            EightNotifiers(ReportForm.Long).RunInline(PanicKind.Panic, "another runtime, earlier", null);
            StackSignature.DescribeSafely(exception); // what describing costs the first time on a thread is no part of a description
            var start = GC.GetAllocatedBytesForCurrentThread();
            StackSignature.DescribeSafely(exception);
            describing = GC.GetAllocatedBytesForCurrentThread() - start;
            var before = GC.GetAllocatedBytesForCurrentThread();
            runtime.RunInline(PanicKind.Panic, "on a thread of its own", exception);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        thread.Start();
        thread.Join();

        Assert.Equal(describing, allocated);
        var written = CrashReport.Parse(runtime.LastReportBytes).Exception!;
        Assert.Contains(written.StackTrace!.Concat(Assert.Single(written.Inner!).StackTrace!), l => l.Contains("<", StringComparison.Ordinal) && l.Length > 32); // lines the writer would have to escape, into a rented buffer
    }

    [Fact]
    public void The_report_written_without_allocating_is_byte_for_byte_the_serialised_report()
    {
        var h = new PathHarness(new PanicOptions { SpoolDirectory = null, NotifierBudget = TimeSpan.FromSeconds(5), Deadline = TimeSpan.FromSeconds(60), ReportForm = ReportForm.Long });
        h.Add("plain", PanicList.Supervisor, 3);
        h.Runtime.Register(new PanicNotifier("thrower \"quoted\" \u00e9", PanicList.Supervisor, (in PanicEvent e) => throw new InvalidOperationException("boom"), 2));
        h.Runtime.Register(new PanicNotifier("panics-again", PanicList.Information, (in PanicEvent e) =>
        {
            Panic.Now("nested <reason>", new TimeoutException("inner"));
            return NotifyResult.Done;
        }));
        h.Add("final", PanicList.Final);
        h.Runtime.LogRing.Write(PanicPath.Logging.LogRecordLevel.Error, "Test", "a line with \"quotes\", a tab\t, \u2603 and \U0001F600");

        var report = h.Runtime.RunWithoutExit(PanicKind.Oops, "why \u00e9 \n", Thrown());
        var written = h.Runtime.LastReportBytes.ToArray();

        Assert.Equal(Encoding.UTF8.GetString(report.ToUtf8Json()), Encoding.UTF8.GetString(written));
        Assert.Equal(["ran", "threw", "abandoned", "ran"], report.Notifiers.Select(n => n.Outcome).ToArray());
        Assert.Contains("\u2603", report.Log, StringComparison.Ordinal);
        Assert.NotNull(report.Exception);
    }

    private static PanicRuntime EightNotifiers(ReportForm form, string? channel = null)
    {
        var runtime = PanicRuntime.CreateDetached(new PanicOptions { SpoolDirectory = null, ChannelAddress = channel ?? "none", NotifierBudget = TimeSpan.FromSeconds(5), Deadline = TimeSpan.FromSeconds(60), ReportForm = form });
        for (var i = 0; i < 8; i++)
        {
            runtime.Register(new PanicNotifier($"notifier-{i}", (PanicList)(i / 2), static (in PanicEvent e) => NotifyResult.Done, i % 2));
        }

        for (var i = 0; i < 200; i++)
        {
            runtime.LogRing.Write(PanicPath.Logging.LogRecordLevel.Information, "Test", $"work item {i} done");
        }

        return runtime;
    }

    /// <summary>An exception with a long message to escape, thrown from a lambda (frames with <c>&lt;&gt;</c>), wrapping another.</summary>
    private static Exception ThrownWithInner()
    {
        try
        {
            try
            {
                ((Action)(() => throw new IOException("disk \"data\" <gone> after a long while of writing " + new string('x', 200))))();
            }
            catch (IOException e)
            {
                throw new InvalidOperationException("order \"7\" failed <retry later> because the disk it was written to is gone", e);
            }
        }
        catch (Exception e)
        {
            return e;
        }

        throw new InvalidOperationException("unreachable");
    }

    private static Exception Thrown()
    {
        try
        {
            throw new InvalidOperationException("thrown");
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
