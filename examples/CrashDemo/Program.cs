using CrashDemo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Diagnostics.NETCore.Client;
using PanicPath.Dumps;
using PanicPath.Hosting;
using PanicPath.Hosting.Dumps;
using PanicPath.Lists;
using PanicPath.Notifiers;
using PanicPath.Panics;

if (args.Length != 1 || !DemoMode.All.Contains(args[0]))
{
    Console.Error.WriteLine($"usage: CrashDemo <{string.Join('|', DemoMode.All)}>");
    return 2;
}

var mode = args[0];
if (mode == "no-runtime")
{
    // A panic before any runtime is installed still ends the process with the panic exit code.
    Console.Out.WriteLine("ready");
    Panic.Now("panic before install");
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Logging.SetMinimumLevel(LogLevel.Information);
builder.Services.AddPanicPath(options =>
{
    options.NotifierBudget = TimeSpan.FromSeconds(mode == "stderr-stuck" ? 1 : 5);
    options.Deadline = TimeSpan.FromSeconds(30);
    options.PanicOnOops = mode == "oops-panic";
    options.PanicOnWarn = mode == "warn-panic";
    options.FailOnPlanViolation = true;
    if (Environment.GetEnvironmentVariable("CRASHDEMO_DUMP_DIR") is { Length: > 0 } dumps)
    {
        // The in-process dumper: arms crash capture; the dump step writes the dump there.
        options.DumpWriter = new DiagnosticsDumpWriter(DumpType.Normal);
        options.DumpDirectory = dumps;
    }

    if (Environment.GetEnvironmentVariable("CRASHDEMO_DUMP_POLICY") is { Length: > 0 } policy)
    {
        options.DumpPolicy = Enum.Parse<DumpPolicy>(policy);
    }
});

// A handful of notifiers across the lists; each prints one line as it runs.
builder.Services.AddPanicNotifier(new PanicNotifier("tell-supervisor", PanicList.Supervisor, Say.Notifier("tell-supervisor"), 10));
builder.Services.AddPanicNotifier(new PanicNotifier("mark-unhealthy", PanicList.Supervisor, Say.Notifier("mark-unhealthy"), 0));
builder.Services.AddPanicNotifier<BuildInfoNotifier>();
builder.Services.AddPanicNotifier(new PanicNotifier("flush-telemetry", PanicList.Teardown, Say.Notifier("flush-telemetry"), 10).Needs("broker"));
builder.Services.AddPanicNotifier(new PanicNotifier("close-broker", PanicList.Teardown, Say.Notifier("close-broker"), 0).Releases("broker"));
builder.Services.AddPanicNotifier(new PanicNotifier("final-words", PanicList.Final, Say.Notifier("final-words")));
if (Environment.GetEnvironmentVariable("CRASHDEMO_BAD_PLAN") == "1")
{
    // The seed's second bug in this app's terms: a flush moved after the release it depends on.
    builder.Services.AddPanicNotifier(new PanicNotifier("late-flush", PanicList.Final, Say.Notifier("late-flush")).Needs("broker"));
}

switch (mode)
{
    case "notifier-hangs":
        builder.Services.AddPanicNotifier(new PanicNotifier("hangs", PanicList.Information, (in PanicEvent e) =>
        {
            Say.Line("notifier information/hangs");
            Thread.Sleep(Timeout.Infinite);
            return NotifyResult.Done;
        }).WithBudget(TimeSpan.FromSeconds(1)));
        break;
    case "notifier-throws":
        builder.Services.AddPanicNotifier(new PanicNotifier("throws", PanicList.Information, (in PanicEvent e) =>
        {
            Say.Line("notifier information/throws");
            throw new InvalidOperationException("notifier failed");
        }));
        break;
    case "nested-panic":
        builder.Services.AddPanicNotifier(new PanicNotifier("panics-again", PanicList.Information, (in PanicEvent e) =>
        {
            Say.Line("notifier information/panics-again");
            Panic.Now("panic inside a notifier");
            return NotifyResult.Done;
        }));
        break;
    case "notifier-exits":
        builder.Services.AddPanicNotifier(new PanicNotifier("calls-exit", PanicList.Information, (in PanicEvent e) =>
        {
            Say.Line("notifier information/calls-exit");
            Environment.Exit(3);
            return NotifyResult.Done;
        }));
        break;
    case "background-service":
        builder.Services.AddHostedService<FailingService>();
        break;
}

builder.Services.AddCrashShutdownHook(new CrashShutdownHook("release-lease", () => Say.Line("crash-shutdown release-lease")).Releases("lease"));
builder.Services.AddPanicNotifier(new PanicNotifier("release-lease", PanicList.Final, Say.Notifier("release-lease"), int.MinValue).Releases("lease"));
builder.Services.AddLogDumper(new ConsoleLogDumper());
builder.Services.AddShutdownNotifier("drain-requests", (e, ct) =>
{
    Say.Line($"shutdown drain-requests ({e.Reason})");
    return ValueTask.FromResult(NotifyResult.Done);
}, priority: 10);
builder.Services.AddShutdownNotifier("close-broker", (e, ct) =>
{
    Say.Line("shutdown close-broker");
    return ValueTask.FromResult(NotifyResult.Done);
});

using var host = builder.Build();
host.Start();
var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CrashDemo");
for (var i = 0; i < 100; i++)
{
    log.LogInformation("work item {Item} done", i);
}

Say.Line("ready");
switch (mode)
{
    case "unhandled":
        new Thread(() => throw new InvalidOperationException("demo unhandled")).Start();
        Thread.Sleep(Timeout.Infinite);
        break;
    case "unhandled-many":
        using (var barrier = new Barrier(32))
        {
            for (var t = 0; t < 32; t++)
            {
                new Thread(() =>
                {
                    barrier.SignalAndWait();
                    throw new InvalidOperationException($"thread {Environment.CurrentManagedThreadId} failed");
                }).Start();
            }

            Thread.Sleep(Timeout.Infinite);
        }

        break;
    case "oops":
    case "oops-panic":
        Panic.Oops("request failed", new TimeoutException("database timed out"), "GET /orders");
        Say.Line("survived oops");
        await host.StopAsync();
        return 0;
    case "unobserved-task":
        DropFaultedTask();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Say.Line("survived unobserved task");
        await host.StopAsync();
        return 0;
    case "warn-panic":
        Panic.Warn("queue above high-water mark");
        Say.Line("survived warning");
        return 0;
    case "background-service":
    case "sigterm":
        await host.WaitForShutdownAsync();
        Say.Line("exited cleanly");
        return 0;
    case "stderr-stuck":
        // Fills standard error until the (unread) pipe is full; the flooding thread then blocks inside
        // a write holding the console's lock (on Unix every console write takes Console.Out's lock), so
        // every notifier that prints blocks too, and the process panics.
        new Thread(() =>
        {
            var chunk = new string('x', 1024);
            while (true)
            {
                Console.Error.WriteLine(chunk);
            }
        }) { IsBackground = true }.Start();
        Thread.Sleep(2000);
        Panic.Now("demo panic with a stalled stderr");
        break;
    default:
        Panic.Now("demo panic", new InvalidOperationException("demo failure"));
        break;
}

return 1;

// A faulted task nobody observes: its finaliser raises TaskScheduler.UnobservedTaskException.
[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
static void DropFaultedTask()
{
    var task = Task.Run(() => throw new InvalidOperationException("fire and forget failed"));
    SpinWait.SpinUntil(() => task.IsCompleted); // waits without observing the exception
}

/// <summary>
/// The demo's entry point, declared internal so that ASP.NET Core's generator (its shared framework is
/// referenced) leaves it internal: the benchmarks that reference this project have a <c>Program</c> of their own.
/// </summary>
internal partial class Program;
