using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PanicPath.Hosting.Logging;
using PanicPath.Logging;

namespace PanicPath.Benchmarks;

/// <summary>
/// One log write: through <c>LoggerMessage.Define</c> to a no-op logger (baseline), to the log ring's
/// logger (formats the message, then one lock-free ring write), and a raw ring write of a ready string.
/// An enabled logger that formats and drops the message separates the cost of formatting (which any
/// enabled provider pays) from the ring write itself.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class LogRingBenchmarks
{
    private static readonly Action<ILogger, int, Exception?> WorkDone =
        LoggerMessage.Define<int>(LogLevel.Information, new EventId(1, "WorkDone"), "work item {Item} done");

    private readonly ILogger noop = NullLogger.Instance;
    private readonly LogRing ring = new(1024);
    private readonly ILogger discarding = new Discarding();
    private ILogger ringLogger = null!;

    [GlobalSetup]
    public void Setup() => ringLogger = new RingLoggerProvider(ring).CreateLogger("Bench");

    [Benchmark(Baseline = true, Description = "no-op logger")]
    public void NoOpLogger() => WorkDone(noop, 42, null);

    [Benchmark(Description = "enabled discarding logger (format only)")]
    public void FormatOnly() => WorkDone(discarding, 42, null);

    [Benchmark(Description = "ring logger (format + ring write)")]
    public void RingLogger() => WorkDone(ringLogger, 42, null);

    [Benchmark(Description = "raw LogRing.Write")]
    public void RawRingWrite() => ring.Write(LogRecordLevel.Information, "Bench", "work item 42 done");

    /// <summary>A logger that is enabled and formats every message, then drops it: the cost of formatting alone.</summary>
    private sealed class Discarding : ILogger
    {
        public static string? Last;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Last = formatter(state, exception);
    }
}
