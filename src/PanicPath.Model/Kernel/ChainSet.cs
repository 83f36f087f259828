using PanicPath.Model.Scenarios;
using PanicPath.Notifiers;

namespace PanicPath.Model.Kernel;

/// <summary>
/// The chains of one registration pattern: a real <see cref="NotifierChain{TEvent}"/> per
/// <see cref="ChainKind"/>, holding the callbacks registered at boot in file order (the kernel's
/// registration order). Built once per pattern and reused by every run with that pattern.
/// </summary>
public sealed class ChainSet
{
    private readonly NotifierChain<KernelEvent>[] chains;

    /// <summary>Registers the callbacks of <paramref name="scenario"/> whose bit is set in <paramref name="registered"/>.</summary>
    public ChainSet(Scenario scenario, bool[] registered)
    {
        chains = new NotifierChain<KernelEvent>[ChainNames.All.Count];
        for (var i = 0; i < chains.Length; i++)
        {
            chains[i] = new NotifierChain<KernelEvent>(ChainNames.Name((ChainKind)i));
        }

        foreach (var callback in scenario.Callbacks)
        {
            if (registered[callback.Index])
            {
                chains[(int)callback.Chain].Register(callback.Handler, callback.Priority, callback.Name);
            }
        }
    }

    /// <summary>The chain of <paramref name="kind"/>.</summary>
    public NotifierChain<KernelEvent> this[ChainKind kind] => chains[(int)kind];
}
