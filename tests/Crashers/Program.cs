using Crashers;
using Microsoft.Extensions.Hosting;
using Microsoft.Diagnostics.NETCore.Client;
using PanicPath.Hosting;
using PanicPath.Hosting.Dumps;
using PanicPath.Panics;

if (args.Length == 0 || !CrashMode.All.Contains(args[0]) || (args.Length != 1 && args[0] != CrashMode.PanicPathHangs))
{
    Console.Error.WriteLine($"usage: Crashers <{string.Join('|', CrashMode.All)}>");
    return 2;
}

var hangs = args[0] == CrashMode.PanicPathHangs ? HungNotifiers.Parse(args[1..]) : null;
if (args[0] == CrashMode.PanicPathHangs && hangs is null)
{
    return 2;
}

Console.Out.WriteLine($"crasher {args[0]} pid {Environment.ProcessId}");
Console.Out.Flush();
switch (args[0])
{
    case CrashMode.Unhandled:
        Deaths.Unhandled();
        break;
    case CrashMode.OopsPanic:
        using (var host = HostWithPanicPath())
        {
            Panic.Oops("request failed", new TimeoutException("crasher oops"), "GET /orders");
        }

        break;
    case CrashMode.PanicPathUnhandled:
        using (HostWithPanicPath())
        {
            Trigger.Wait();
            Deaths.Unhandled();
        }

        break;
    case CrashMode.FailFast:
        Deaths.FailFast();
        break;
    case CrashMode.StackOverflow:
        Deaths.StackOverflow();
        break;
    case CrashMode.Segv:
        Deaths.Segv();
        break;
    case CrashMode.SigKill:
        Deaths.KillSelf();
        break;
    case CrashMode.Exit3:
        Trigger.Wait();
        Console.Error.WriteLine("crasher exiting with 3");
        return 3;
    case CrashMode.Exit0:
        return 0;
    case CrashMode.Hang:
        Deaths.Hang();
        break;
    case CrashMode.PanicPath32Threads:
        using (HostWithPanicPath())
        {
            Deaths.UnhandledOnThreads(32);
        }

        break;
    case CrashMode.PanicPathHang:
        using (HostWithPanicPath())
        {
            Heartbeats.StarveThreadPoolAfterFirstBeat();
        }

        break;
    case CrashMode.RecordSignals when !OperatingSystem.IsWindows():
        return SignalRecorder.Run();
    case CrashMode.PanicPathUnhandledOnGo:
        // Waits (at most two minutes) until the test says go, e.g. once it has seen this process re-parented.
        var go = Environment.GetEnvironmentVariable(CrashMode.GoFileVariable) ?? "";
        for (var waited = 0; go.Length > 0 && !File.Exists(go) && waited < 6000; waited++)
        {
            Thread.Sleep(20);
        }

        using (HostWithPanicPath())
        {
            Deaths.Unhandled();
        }

        break;
    case CrashMode.PanicPathDump:
        using (HostWithPanicPath(inProcessDump: true))
        {
            Panic.Oops("request failed", new TimeoutException("crasher oops"), "GET /orders");
        }

        break;
    case CrashMode.Inner:
        InnerExceptionDeaths.Inner();
        break;
    case CrashMode.Aggregate:
        InnerExceptionDeaths.Aggregate();
        break;
    case CrashMode.PanicPathInner:
        using (HostWithPanicPath())
        {
            InnerExceptionDeaths.Inner();
        }

        break;
    case CrashMode.PanicPathAggregate:
        using (HostWithPanicPath())
        {
            InnerExceptionDeaths.Aggregate();
        }

        break;
    case CrashMode.PanicPathBeat:
        using (HostWithPanicPath())
        {
            return Heartbeats.ExitAfterBeats(12);
        }
    case CrashMode.PanicPathHangs:
        HungNotifiers.Run(hangs!.Value.Count, hangs.Value.Deadline);
        break;
    case CrashMode.PanicPathHeld:
        HeldNotifier.Run(Environment.GetEnvironmentVariable(CrashMode.GoFileVariable) ?? "");
        break;
    case CrashMode.PanicPathNested:
        NestedPanics.Run();
        break;
}

Console.Error.WriteLine($"crasher {args[0]} survived");
return 1;

// A started host with PanicPath installed: escalates every oops, spools its report to PANICPATH_SPOOL;
// with inProcessDump, writes a mini dump of itself at the dump step (the in-process dumper).
static IHost HostWithPanicPath(bool inProcessDump = false)
{
    var builder = Host.CreateApplicationBuilder();
    builder.Services.AddPanicPath(options =>
    {
        options.PanicOnOops = true;
        if (inProcessDump)
        {
            options.DumpWriter = new DiagnosticsDumpWriter(DumpType.Normal);
        }
    });
    var host = builder.Build();
    host.Start();
    return host;
}

/// <summary>
/// The crasher's entry point, declared internal so that ASP.NET Core's generator (its shared framework is
/// referenced) leaves it internal: the benchmarks that reference this project have a <c>Program</c> of their own.
/// </summary>
internal partial class Program;
