using BenchmarkDotNet.Attributes;
using PanicPath.Notifiers;

namespace PanicPath.Benchmarks.Notifiers;

/// <summary>
/// One call of a chain of no-op handlers, against a raw loop over the same delegates (the baseline),
/// a C# event (a multicast delegate) and a lock-and-snapshot list, the usual hand-made alternatives.
/// </summary>
[MemoryDiagnoser]
public class NotifierChainBenchmarks
{
    private readonly Lock listGate = new();
    private readonly List<NotifierHandler<BenchEvent>> lockedList = [];
    private NotifierHandler<BenchEvent>[] raw = [];
    private NotifierChain<BenchEvent> chain = null!;
    private BenchEvent e = new(1, 2);

    private event NotifierHandler<BenchEvent>? Multicast;

    [Params(1, 8, 64)]
    public int Handlers { get; set; }

    [Params(HandlerKind.Opaque, HandlerKind.Inlinable)]
    public HandlerKind Handler { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        chain = new NotifierChain<BenchEvent>("bench");
        raw = new NotifierHandler<BenchEvent>[Handlers];
        for (var i = 0; i < Handlers; i++)
        {
            var handler = NoOpHandler.Create(Handler);
            raw[i] = handler;
            chain.Register(handler, priority: -i);
            Multicast += handler;
            lockedList.Add(handler);
        }
    }

    [Benchmark(Baseline = true)]
    public NotifyResult RawArray()
    {
        var handlers = raw;
        var result = NotifyResult.Done;
        for (var i = 0; i < handlers.Length; i++)
        {
            result = handlers[i](in e);
        }

        return result;
    }

    [Benchmark]
    public NotifyResult NotifierChain() => chain.Call(in e);

    [Benchmark]
    public NotifyResult MulticastDelegate() => Multicast!(in e);

    [Benchmark]
    public NotifyResult LockedList()
    {
        NotifierHandler<BenchEvent>[] snapshot;
        lock (listGate)
        {
            snapshot = [.. lockedList];
        }

        var result = NotifyResult.Done;
        foreach (var handler in snapshot)
        {
            result = handler(in e);
        }

        return result;
    }
}
