using System.Text;
using System.Text.Json;
using PanicPath.Lists;
using PanicPath.Logging;
using PanicPath.Panics;
using PanicPath.Reports;
using PanicPath.Tests.Panics;

namespace PanicPath.Tests.Reports;

public sealed class CrashReportTests : IDisposable
{
    private readonly string spool = Path.Combine(Path.GetTempPath(), "panicpath-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(spool))
        {
            Directory.Delete(spool, recursive: true);
        }
    }

    [Fact]
    public void The_report_is_spooled_as_one_complete_json_file_with_the_wire_fields()
    {
        var h = new PathHarness(new PanicOptions { SpoolDirectory = spool });
        h.Add("tell", PanicList.Supervisor, 3);
        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "disk full", Thrown());

        var file = Assert.Single(Directory.GetFiles(spool));
        Assert.EndsWith(".json", file);
        Assert.Empty(Directory.GetFiles(spool, "*.tmp", SearchOption.AllDirectories));
        using var json = JsonDocument.Parse(File.ReadAllBytes(file));
        var root = json.RootElement;
        foreach (var field in new[] { "version", "kind", "reason", "pid", "exception", "form", "log", "notifiers", "nested", "dumpPath" })
        {
            Assert.True(root.TryGetProperty(field, out _), $"missing field {field}");
        }

        Assert.Equal(2, root.GetProperty("version").GetInt32());
        Assert.Equal("panic", root.GetProperty("kind").GetString());
        Assert.Equal("disk full", root.GetProperty("reason").GetString());
        Assert.Equal(Environment.ProcessId, root.GetProperty("pid").GetInt32());
        var exception = root.GetProperty("exception");
        Assert.Equal(typeof(IOException).FullName, exception.GetProperty("type").GetString());
        Assert.Equal("no space", exception.GetProperty("message").GetString());
        Assert.Equal(new IOException().HResult, exception.GetProperty("hresult").GetInt32());
        Assert.Matches("^[0-9a-f]{16}$", exception.GetProperty("signature").GetString());
        Assert.Contains(nameof(Thrower), exception.GetProperty("method").GetString());
        var notifier = root.GetProperty("notifiers")[0];
        Assert.Equal("tell", notifier.GetProperty("name").GetString());
        Assert.Equal("supervisor", notifier.GetProperty("list").GetString());
        Assert.Equal(3, notifier.GetProperty("priority").GetInt32());
        Assert.Equal("ran", notifier.GetProperty("outcome").GetString());
        Assert.True(notifier.GetProperty("ms").GetDouble() >= 0);
        Assert.Equal(report.Reason, CrashReport.Parse(File.ReadAllBytes(file)).Reason);
    }

    [Fact]
    public void The_long_form_carries_the_youngest_log_lines_that_fit_the_report_buffer()
    {
        var h = new PathHarness(new PanicOptions { ReportLogBytes = 1024 });
        for (var i = 0; i < 500; i++)
        {
            h.Runtime.LogRing.Write(LogRecordLevel.Information, "App", $"record {i:000}");
        }

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

        Assert.Equal("long", report.Form);
        Assert.NotNull(report.Log);
        Assert.True(Encoding.UTF8.GetByteCount(report.Log) <= 1024);
        var lines = report.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("App: record 499", lines[^1]);
        Assert.True(lines.Length > 5);
        for (var i = 1; i < lines.Length; i++)
        {
            Assert.EndsWith($"record {500 - lines.Length + i:000}", lines[i]);
        }
    }

    [Fact]
    public void The_short_form_carries_no_log()
    {
        var h = new PathHarness(new PanicOptions { ReportForm = ReportForm.Short });
        h.Runtime.LogRing.Write(LogRecordLevel.Error, "App", "secret");

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

        Assert.Equal("short", report.Form);
        Assert.Null(report.Log);
    }

    [Fact]
    public void The_report_is_claimed_exactly_once_among_racing_threads()
    {
        var h = new PathHarness();
        var winners = 0;
        Parallel.For(0, 64, _ =>
        {
            if (h.Runtime.TryClaimReport(PanicPath.Exit.PanicExitCodes.Panic))
            {
                Interlocked.Increment(ref winners);
            }
        });

        Assert.Equal(1, winners);
    }

    [Fact]
    public void A_watchdog_firing_before_the_report_delivers_it_marked_deadline_exceeded()
    {
        var h = new PathHarness(new PanicOptions { SpoolDirectory = spool });

        h.Runtime.OnDeadline();

        var report = CrashReport.Parse(File.ReadAllBytes(Assert.Single(Directory.GetFiles(spool))));
        Assert.True(report.DeadlineExceeded);
        Assert.Equal(PanicPath.Exit.PanicExitCodes.DeadlineExceeded, report.ExitCode);
    }

    [Fact]
    public void A_watchdog_firing_after_the_report_was_built_ends_the_process_with_the_code_that_report_carries()
    {
        var h = new PathHarness(new PanicOptions { SpoolDirectory = spool });
        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

        h.Runtime.OnDeadline();

        Assert.False(report.DeadlineExceeded);
        Assert.Equal(PanicPath.Exit.PanicExitCodes.Panic, report.ExitCode);
        Assert.Equal(report.ExitCode, h.Runtime.ExitCode);
    }

    [Fact]
    public void A_watchdog_firing_after_the_report_was_delivered_sends_no_second_one()
    {
        var h = new PathHarness(new PanicOptions { SpoolDirectory = spool });
        h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

        h.Runtime.OnDeadline();

        Assert.Single(Directory.GetFiles(spool));
    }

    [Fact]
    public void The_report_carries_thread_and_uptime_from_process_start()
    {
        var h = new PathHarness();
        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

        Assert.Equal(Environment.CurrentManagedThreadId, report.ThreadId);
        var processAge = (DateTime.UtcNow - System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime()).TotalMilliseconds;
        Assert.InRange(report.UptimeMs, 1, processAge + 1000);
    }

    [Fact]
    public void An_exception_whose_message_throws_still_gets_a_report_with_its_type()
    {
        var h = new PathHarness();
        h.Add("runs", PanicList.Final);

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", new HostileException());

        Assert.Equal(typeof(HostileException).FullName, report.Exception!.Type);
        Assert.Matches("^[0-9a-f]{16}$", report.Exception.Signature);
        Assert.Equal(["runs"], h.Ran.ToArray());
    }

    [Fact]
    public void The_stack_signature_is_stable_for_the_same_throw_site_and_differs_for_another()
    {
        var a = StackSignature.Describe(Thrown());
        var b = StackSignature.Describe(Thrown());
        var c = StackSignature.Describe(ThrownElsewhere());

        Assert.Equal(a.Signature, b.Signature);
        Assert.NotEqual(a.Signature, c.Signature);
    }

    [Theory]
    [InlineData("{\"version\":3,\"kind\":\"panic\",\"form\":\"short\"}", "'version'")]
    [InlineData("{\"version\":0,\"kind\":\"panic\",\"form\":\"short\"}", "'version'")]
    [InlineData("{\"version\":1,\"kind\":\"crash\",\"form\":\"short\"}", "'kind'")]
    [InlineData("{\"version\":1,\"kind\":\"oops\",\"form\":\"medium\"}", "'form'")]
    [InlineData("{\"version\":1,\"pid\":\"x\"}", "$.pid")]
    public void Parsing_a_bad_report_names_the_field(string json, string field)
    {
        var error = Assert.Throws<FormatException>(() => CrashReport.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Contains(field, error.Message);
    }

    private static Exception Thrown()
    {
        try
        {
            Thrower();
        }
        catch (Exception e)
        {
            return e;
        }

        throw new InvalidOperationException("unreachable");
    }

    private static Exception ThrownElsewhere()
    {
        try
        {
            throw new IOException("no space");
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static void Thrower() => throw new IOException("no space");

    private sealed class HostileException : Exception
    {
        public override string Message => throw new InvalidOperationException("message unavailable");
    }
}
