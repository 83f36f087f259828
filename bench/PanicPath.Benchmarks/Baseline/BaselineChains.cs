// Frozen with BaselineMachine (commit 984ad30346d7d2c7b74544e55d17364e410a0b83): the baseline of the profile
// interpreter's throughput. Do not change it except to keep it compiling.
using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios;
using PanicPath.Notifiers;

namespace PanicPath.Benchmarks.Baseline;

/// <summary>
/// The frozen copy of <c>ChainSet</c>: the chains of one registration pattern, a real
/// <see cref="NotifierChain{TEvent}"/> per <see cref="ChainKind"/>, holding the callbacks registered at boot in file
/// order with the baseline machine's handlers. Built once per pattern and reused by every run with that pattern.
/// </summary>
public sealed class BaselineChains
{
    private readonly NotifierChain<BaselineEvent>[] chains;

    /// <summary>Registers the callbacks of <paramref name="scenario"/> whose bit is set in <paramref name="registered"/>, each with its handler in <paramref name="handlers"/>.</summary>
    public BaselineChains(Scenario scenario, bool[] registered, NotifierHandler<BaselineEvent>[] handlers)
    {
        chains = new NotifierChain<BaselineEvent>[ChainNames.All.Count];
        for (var i = 0; i < chains.Length; i++)
        {
            chains[i] = new NotifierChain<BaselineEvent>(ChainNames.Name((ChainKind)i));
        }

        foreach (var callback in scenario.Callbacks)
        {
            if (registered[callback.Index])
            {
                chains[(int)callback.Chain].Register(handlers[callback.Index], callback.Priority, callback.Name);
            }
        }
    }

    /// <summary>The chain of <paramref name="kind"/>.</summary>
    public NotifierChain<BaselineEvent> this[ChainKind kind] => chains[(int)kind];
}
