using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Actions;
using PanicPath.Model.Scenarios.Expressions;
using PanicPath.Notifiers;

namespace PanicPath.Model.Scenarios;

/// <summary>
/// A driver's callback on one chain: its priority as the kernel writes it, the condition under which the
/// driver registers it at boot, the condition under which it acts when called, its actions, and for
/// kmsg dumpers the max reason, for crash-shutdown and restart hooks the architecture.
/// </summary>
public sealed class Callback
{
    internal Callback(int index, string name, ChainKind chain, int priority, SourceLocation location)
    {
        Index = index;
        Name = name;
        Chain = chain;
        Priority = priority;
        Location = location;
        Handler = (in KernelEvent e) => e.Machine.RunCallback(index, in e);
    }

    public int Index { get; }

    public string Name { get; }

    public ChainKind Chain { get; }

    public int Priority { get; }

    public SourceLocation Location { get; }

    public Expr? RegisterIf { get; internal set; }

    public Expr? RunIf { get; internal set; }

    public string RunIfText { get; internal set; } = string.Empty;

    public ScenarioAction[] Actions { get; internal set; } = [];

    public KmsgReason MaxReason { get; internal set; } = KmsgReason.Oops;

    /// <summary>The architecture symbol a per-arch hook is for, or -1 for every architecture.</summary>
    public int Arch { get; internal set; } = -1;

    /// <summary>The handler registered on the chain: one instance per callback, created once.</summary>
    public NotifierHandler<KernelEvent> Handler { get; }
}
