using BenchmarkDotNet.Attributes;
using PanicPath.Reports;
using PanicPath.Supervisor.Channel;

namespace PanicPath.Benchmarks;

/// <summary>
/// Delivering one report of about 2 KB: over the report channel to the real supervisor listener
/// (frame sent, report parsed and written atomically with fsync and rename by the supervisor, ack
/// received) against the spool transport's own atomic write (baseline). Each operation is one life of
/// a child: the channel connection is made in the iteration setup, as the library makes it at
/// install; both sides delete the file they wrote so the directory stays small.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[InvocationCount(1)]
[IterationCount(100)]
[WarmupCount(10)]
public class ChannelDeliveryBenchmarks
{
    private byte[] report = null!;
    private string root = null!;
    private SpoolTransport spool = null!;
    private IReportChannel channel = null!;
    private ChannelTransport transport = null!;
    private ChannelLife life = null!;

    [GlobalSetup]
    public void Setup()
    {
        root = Path.Combine(Path.GetTempPath(), "panicpath-bench-" + Guid.NewGuid().ToString("N")[..8]);
        spool = new SpoolTransport(Path.Combine(root, "spool"));
        Directory.CreateDirectory(Path.Combine(root, "inbox"));
        channel = ReportChannel.Open(new ReportChannelOptions(Path.Combine(root, "channel"), ChannelFrame.DefaultMaxPayload, TextWriter.Null));
        var sample = new CrashReport
        {
            Reason = "unhandled exception",
            Pid = Environment.ProcessId,
            Timestamp = DateTime.UtcNow.ToString("O"),
            Exception = StackSignature.Describe(new InvalidOperationException("benchmark")),
            Form = "long",
            Log = new string('x', 1500),
        };
        report = sample.ToUtf8Json();
    }

    [IterationSetup(Target = nameof(Channel))]
    public void NewLife()
    {
        life = channel.Admit(Environment.ProcessId, Path.Combine(root, "inbox"));
        transport = ChannelTransport.TryConnect(channel.Address, TimeSpan.FromSeconds(5)) ?? throw new InvalidOperationException("channel unreachable");
    }

    [IterationCleanup(Target = nameof(Channel))]
    public void EndLife()
    {
        channel.End(life);
        transport.Dispose();
    }

    [Benchmark(Baseline = true, Description = "spool: atomic write (fsync, rename)")]
    public bool Spool()
    {
        var delivered = spool.TryDeliver(report);
        File.Delete(spool.LastPath!);
        return delivered;
    }

    [Benchmark(Description = "channel: send, supervisor stores (fsync, rename), ack")]
    public bool Channel()
    {
        var delivered = transport.TryDeliver(report);
        File.Delete(life.ReportPath!);
        return delivered;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        channel.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(root, recursive: true);
    }
}
