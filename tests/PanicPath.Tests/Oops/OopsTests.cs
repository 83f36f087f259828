using System.Text;
using PanicPath.Logging;
using PanicPath.Notifiers;
using PanicPath.Oops;
using PanicPath.Panics;
using PanicPath.Shutdown;

namespace PanicPath.Tests.Oops;

public sealed class OopsTests
{
    [Fact]
    public void An_oops_calls_the_die_chain_then_dumps_the_log_with_reason_oops_and_the_process_goes_on()
    {
        var runtime = PanicRuntime.CreateDetached(new PanicOptions());
        var order = new List<string>();
        OopsEvent? seen = null;
        runtime.DieChain.Register((in OopsEvent e) =>
        {
            seen = e;
            order.Add("die");
            return NotifyResult.Done;
        });
        var dumper = new RecordingDumper(LogDumpReason.Oops, order);
        runtime.AddLogDumper(dumper);
        runtime.LogRing.Write(LogRecordLevel.Information, "App", "before");

        var boom = new InvalidOperationException("request failed");
        runtime.Oops("request", boom, unit: "GET /orders");

        Assert.Equal(["die", "dump:Oops"], order.ToArray());
        Assert.Equal("request", seen!.Value.Reason);
        Assert.Equal("GET /orders", seen.Value.Unit);
        Assert.Same(boom, seen.Value.Exception);
        Assert.False(seen.Value.WillPanic);
        Assert.False(runtime.PanicInProgress);
        Assert.Contains("oops: request in GET /orders", dumper.Last);
    }

    [Fact]
    public void A_dumper_whose_max_reason_is_panic_gets_no_oops_dump()
    {
        var runtime = PanicRuntime.CreateDetached(new PanicOptions());
        var order = new List<string>();
        runtime.AddLogDumper(new RecordingDumper(LogDumpReason.Panic, order));

        runtime.Oops("x");

        Assert.Empty(order);
    }

    [Fact]
    public void A_warning_is_counted_and_logged_without_panicking_by_default()
    {
        var runtime = PanicRuntime.CreateDetached(new PanicOptions());

        runtime.Warn("low disk");

        Assert.Equal(1, runtime.Warnings);
        Assert.Contains(runtime.LogRing.Snapshot(), r => r.Level == LogRecordLevel.Warning && r.Message == "warning: low disk");
    }

    [Fact]
    public async Task Orderly_shutdown_walks_the_shutdown_chain_then_dumps_with_reason_shutdown()
    {
        var runtime = PanicRuntime.CreateDetached(new PanicOptions());
        var order = new List<string>();
        runtime.ShutdownChain.Register((e, ct) =>
        {
            order.Add("shutdown:" + e.Reason);
            return ValueTask.FromResult(NotifyResult.Done);
        });
        runtime.AddLogDumper(new RecordingDumper(LogDumpReason.Shutdown, order));

        await runtime.ShutdownAsync("SIGTERM");

        Assert.Equal(["shutdown:SIGTERM", "dump:Shutdown"], order.ToArray());
    }

    [Fact]
    public void A_dumper_that_throws_costs_only_its_own_dump()
    {
        var runtime = PanicRuntime.CreateDetached(new PanicOptions());
        var order = new List<string>();
        runtime.AddLogDumper(new ThrowingDumper());
        runtime.AddLogDumper(new RecordingDumper(LogDumpReason.Shutdown, order));

        runtime.DumpLog(LogDumpReason.Emergency);

        Assert.Equal(["dump:Emergency"], order.ToArray());
    }

    private sealed class RecordingDumper(LogDumpReason max, List<string> order) : LogDumper("recording", max, 4096)
    {
        internal string Last { get; private set; } = string.Empty;

        protected override void Dump(LogDumpReason reason, ReadOnlySpan<byte> youngestLines)
        {
            order.Add("dump:" + reason);
            Last = Encoding.UTF8.GetString(youngestLines);
        }
    }

    private sealed class ThrowingDumper() : LogDumper("throwing", LogDumpReason.Shutdown, 64)
    {
        protected override void Dump(LogDumpReason reason, ReadOnlySpan<byte> youngestLines) => throw new IOException("disk");
    }
}
