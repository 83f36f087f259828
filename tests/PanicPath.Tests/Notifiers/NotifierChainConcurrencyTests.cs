using System.Collections.Concurrent;
using PanicPath.Notifiers;

namespace PanicPath.Tests.Notifiers;

public class NotifierChainConcurrencyTests
{
    private const int Mutators = 3;
    private const int Callers = 3;
    private const int OperationsPerMutator = 1_500;

    [Fact]
    public async Task Registering_unregistering_and_calling_at_once_loses_nothing_tears_nothing_and_never_calls_the_unregistered()
    {
        var chain = new NotifierChain<int>("panic");
        var violations = new ConcurrentQueue<string>();
        var live = new ConcurrentDictionary<NotifierRegistration<int>, Probe>();
        var sequence = 0L;
        var mutatorsDone = 0;

        var mutators = Enumerable.Range(0, Mutators).Select(m => Task.Factory.StartNew(
            () =>
            {
                var random = new Random(m);
                var mine = new List<(NotifierRegistration<int> Registration, Probe Probe)>();
                for (var op = 0; op < OperationsPerMutator; op++)
                {
                    if (mine.Count == 0 || random.Next(3) > 0)
                    {
                        var probe = new Probe(random.Next(-4, 5), Interlocked.Increment(ref sequence), violations);
                        var registration = chain.Register(probe.Handle, probe.Priority);
                        probe.Sequence = Interlocked.Increment(ref sequence);
                        mine.Add((registration, probe));
                        live[registration] = probe;
                    }
                    else
                    {
                        var at = random.Next(mine.Count);
                        var (registration, probe) = mine[at];
                        mine.RemoveAt(at);
                        live.TryRemove(registration, out _);
                        registration.Dispose();
                        Volatile.Write(ref probe.Unregistered, true);
                    }
                }

                Interlocked.Increment(ref mutatorsDone);
            },
            TaskCreationOptions.LongRunning)).ToArray();

        var callers = Enumerable.Range(0, Callers).Select(_ => Task.Factory.StartNew(
            () =>
            {
                var invoker = new OrderCheckingInvoker(violations);
                while (Volatile.Read(ref mutatorsDone) < Mutators)
                {
                    invoker.Reset();
                    chain.Call(0, ref invoker);
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();

        await Task.WhenAll([.. mutators, .. callers]).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Empty(violations);
        Assert.Equal(
            live.Keys.OrderByDescending(r => r.Priority).ThenBy(r => live[r].Sequence).ToArray(),
            chain.Registrations.ToArray());
    }

    /// <summary>A handler that knows its priority and notices being called after its unregistration returned.</summary>
    private sealed class Probe(int priority, long sequence, ConcurrentQueue<string> violations)
    {
        public bool Unregistered;

        public int Priority { get; } = priority;

        // Registration order: set just after Register returns, before any other registration by this
        // thread; registrations by other threads race, so the order check below uses the chain's own
        // order of equal priorities only through the final comparison.
        public long Sequence { get; set; } = sequence;

        public NotifyResult Handle(in int e)
        {
            if (Volatile.Read(ref Unregistered))
            {
                violations.Enqueue($"priority {Priority} called after its unregistration returned");
            }

            return NotifyResult.Done;
        }
    }

    /// <summary>Checks that every walk sees priorities in non-increasing order.</summary>
    private struct OrderCheckingInvoker(ConcurrentQueue<string> violations) : INotifierInvoker<int>
    {
        private int last = int.MaxValue;

        public void Reset() => last = int.MaxValue;

        public NotifyResult Invoke(NotifierRegistration<int> registration, in int e)
        {
            if (registration.Priority > last)
            {
                violations.Enqueue($"priority {registration.Priority} ran after {last}");
            }

            last = registration.Priority;
            return registration.Handler(in e);
        }
    }
}
