using BenchmarkDotNet.Attributes;
using PanicPath.Notifiers;

namespace PanicPath.Benchmarks.Notifiers;

/// <summary>
/// Register and unregister one handler on a chain that holds 64, against adding and removing it on a
/// locked list (the baseline). The chain's unregistration includes its grace period: a process-wide
/// memory barrier and a scan of the read-side slots.
/// </summary>
[MemoryDiagnoser]
public class NotifierRegistrationBenchmarks
{
    private const int Size = 64;

    private readonly Lock listGate = new();
    private readonly List<NotifierHandler<BenchEvent>> lockedList = [];
    private readonly NotifierHandler<BenchEvent> extra = NoOpHandler.Create(HandlerKind.Opaque);
    private NotifierChain<BenchEvent> chain = null!;

    [GlobalSetup]
    public void Setup()
    {
        chain = new NotifierChain<BenchEvent>("bench");
        for (var i = 0; i < Size; i++)
        {
            var handler = NoOpHandler.Create(HandlerKind.Opaque);
            chain.Register(handler, priority: i % 8);
            lockedList.Add(handler);
        }
    }

    [Benchmark(Baseline = true)]
    public void LockedListAddRemove()
    {
        lock (listGate)
        {
            lockedList.Add(extra);
        }

        lock (listGate)
        {
            lockedList.Remove(extra);
        }
    }

    [Benchmark]
    public void ChainRegisterUnregister() => chain.Register(extra, priority: 3, name: "extra").Dispose();
}
