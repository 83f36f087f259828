using System.Text.Json;
using BenchmarkDotNet.Attributes;
using PanicPath.Lists;
using PanicPath.Notifiers;
using PanicPath.Panics;
using PanicPath.Reports;

namespace PanicPath.Benchmarks;

/// <summary>
/// The panic path from trigger to report on disk with 8 notifiers (two per list). A panic ends its
/// process, so the path runs on a detached runtime, on the benchmark's thread as on a panicking one,
/// doing everything a real panic does (step watchdog armed, every notifier walked inline under its
/// budget, log tail, report written into the buffer made at install, spooled atomically with fsync and
/// rename) except the final exit system call.
/// Baseline: what a hand-written UnhandledException handler does: the same 8 handlers called inline,
/// then the same report serialised and written with the same temp-file, fsync and rename.
/// The "in memory" group leaves the disk out (no spool: the path still builds and serialises the
/// report, and delivers it nowhere) to show the path's own cost, which the fsync hides; the default
/// (long) report also copies and carries the log tail (4 KiB), which the baseline's report does not,
/// so the short-form path is the like-for-like comparison.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PanicPathBenchmarks
{
    private readonly Exception exception = Capture();
    private PanicRuntime runtime = null!;
    private PanicRuntime noSpool = null!;
    private PanicRuntime noSpoolShort = null!;
    private NotifierHandler<PanicEvent>[] handlers = null!;
    private string spool = null!;
    private int counter;

    [GlobalSetup]
    public void Setup()
    {
        spool = Path.Combine(Path.GetTempPath(), "panicpath-bench-" + Guid.NewGuid().ToString("N"));
        runtime = PanicRuntime.CreateDetached(new PanicOptions { SpoolDirectory = spool });
        noSpool = PanicRuntime.CreateDetached(new PanicOptions { SpoolDirectory = null });
        noSpoolShort = PanicRuntime.CreateDetached(new PanicOptions { SpoolDirectory = null, ReportForm = ReportForm.Short });
        handlers = new NotifierHandler<PanicEvent>[8];
        for (var i = 0; i < 8; i++)
        {
            var list = (PanicList)(i / 2);
            var count = 0;
            handlers[i] = (in PanicEvent e) =>
            {
                count++;
                return NotifyResult.Done;
            };
            runtime.Register(new PanicNotifier($"notifier-{i}", list, handlers[i], i % 2));
            noSpool.Register(new PanicNotifier($"notifier-{i}", list, handlers[i], i % 2));
            noSpoolShort.Register(new PanicNotifier($"notifier-{i}", list, handlers[i], i % 2));
        }

        for (var i = 0; i < 200; i++)
        {
            runtime.LogRing.Write(PanicPath.Logging.LogRecordLevel.Information, "Bench", $"work item {i} done");
            noSpool.LogRing.Write(PanicPath.Logging.LogRecordLevel.Information, "Bench", $"work item {i} done");
            noSpoolShort.LogRing.Write(PanicPath.Logging.LogRecordLevel.Information, "Bench", $"work item {i} done");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(spool, recursive: true);

    [Benchmark(Baseline = true, Description = "inline handlers + atomic spool (baseline)")]
    [BenchmarkCategory("to disk")]
    public int InlineHandlersThenSpool() => Inline(toDisk: true);

    [Benchmark(Description = "panic path, 8 notifiers, trigger to report on disk")]
    [BenchmarkCategory("to disk")]
    public int PanicPathToReportOnDisk() => runtime.RunInline(PanicKind.Panic, "bench", exception);

    [Benchmark(Baseline = true, Description = "inline handlers + report bytes (baseline)")]
    [BenchmarkCategory("in memory")]
    public int InlineHandlersThenSerialise() => Inline(toDisk: false);

    [Benchmark(Description = "panic path, 8 notifiers, trigger to report bytes")]
    [BenchmarkCategory("in memory")]
    public int PanicPathToReportBytes() => noSpool.RunInline(PanicKind.Panic, "bench", exception);

    [Benchmark(Description = "panic path, 8 notifiers, trigger to short report bytes (no log tail, as the baseline)")]
    [BenchmarkCategory("in memory")]
    public int PanicPathToShortReportBytes() => noSpoolShort.RunInline(PanicKind.Panic, "bench", exception);

    private int Inline(bool toDisk)
    {
        var e = new PanicEvent(PanicKind.Panic, "bench", exception, PanicList.Supervisor, Environment.CurrentManagedThreadId);
        var report = new CrashReport { Reason = "bench", Pid = Environment.ProcessId, Exception = StackSignature.Describe(exception) };
        foreach (var handler in handlers)
        {
            handler(in e);
            report.Notifiers.Add(new NotifierRecord { Name = "n", List = "l", Outcome = "ran" });
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(report, ReportJsonContext.Default.CrashReport);
        if (!toDisk)
        {
            return bytes.Length;
        }

        var final = Path.Combine(spool, $"baseline-{counter++}.json");
        var temporary = final + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, final);
        return bytes.Length;
    }

    private static Exception Capture()
    {
        try
        {
            throw new InvalidOperationException("bench");
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
