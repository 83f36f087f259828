namespace PanicPath.Model.Kernel;

/// <summary>
/// The host as a party. The hypervisor handles a guest exit before the guest runs on, so a reaction declared under
/// <c>host:</c> takes effect at the moment of its event: <c>pause</c>, <c>reset</c> and <c>stop</c> end the run at
/// <c>host-pause</c>, <c>host-reset</c>, <c>host-stop</c>, and nothing after the event runs; <c>dump</c> is the event
/// <c>host-dump</c> and the guest goes on. A guest may also ask to be ended (<c>hypercall:</c>): an intended end, not a hang.
/// </summary>
public sealed partial class Machine
{
    private HostReaction[][]? reactionsByEvent;
    private string? reportKind;

    /// <summary>The host ends the VM at <paramref name="end"/>, a host boundary; <paramref name="why"/> is the trace's step.</summary>
    public void HostEnds(Boundary end, string why)
    {
        if (Ended)
        {
            return;
        }

        Record(cpu, "host", string.Empty, why, string.Empty);
        Reach(end, end switch
        {
            Boundary.HostStop => KernelEvents.HostStop,
            Boundary.HostReset => KernelEvents.HostReset,
            _ => KernelEvents.HostPause,
        });
    }

    /// <summary>Runs the host's reactions to <paramref name="eventIndex"/>, which just happened, in file order.</summary>
    private void HostReacts(int eventIndex)
    {
        reactionsByEvent ??= GroupReactions();
        foreach (var reaction in reactionsByEvent[eventIndex])
        {
            if (Ended)
            {
                return;
            }

            if (reaction.Kind is not null && reaction.Kind != reportKind)
            {
                continue;
            }

            if (reaction.If is not null && !reaction.If.IsTrue(this))
            {
                if (trace is not null)
                {
                    Record(cpu, "host", string.Empty, $"on {Describe(reaction)}: if {reaction.IfText}: false, no reaction", string.Empty);
                }

                continue;
            }

            switch (reaction.Response)
            {
                case HostResponse.Write:
                    HostWrites(reaction);
                    break;
                case HostResponse.Dump:
                    if (trace is not null)
                    {
                        Record(cpu, "host", string.Empty, $"on {Describe(reaction)}: the host dumps the VM's memory; the guest goes on", string.Empty);
                    }

                    Emit(KernelEvents.HostDump, string.Empty);
                    break;
                case HostResponse.Pause:
                    HostEnds(Boundary.HostPause, trace is null ? string.Empty : $"on {Describe(reaction)}: the host pauses the VM");
                    break;
                case HostResponse.Reset:
                    HostEnds(Boundary.HostReset, trace is null ? string.Empty : $"on {Describe(reaction)}: the host resets the VM");
                    break;
                default:
                    HostEnds(Boundary.HostStop, trace is null ? string.Empty : $"on {Describe(reaction)}: the host stops the VM");
                    break;
            }
        }
    }

    /// <summary>A reaction's <c>set:</c>: the host writes the guest's memory, traced as the host's step naming the event.</summary>
    private void HostWrites(HostReaction reaction)
    {
        var savedContext = context;
        var savedCallback = callback;
        context = "host";
        callback = trace is null ? string.Empty : $"on {Describe(reaction)}";
        reaction.Write!.Execute(this);
        context = savedContext;
        callback = savedCallback;
    }

    /// <summary>The reactions per event, in file order: one pass over the reactions, whatever the number of events.</summary>
    private HostReaction[][] GroupReactions()
    {
        var lists = new List<HostReaction>?[scenario.Events.Count];
        foreach (var reaction in scenario.HostReactions)
        {
            (lists[reaction.On] ??= []).Add(reaction);
        }

        return lists.Select(l => l is null ? [] : l.ToArray()).ToArray();
    }

    private string Describe(HostReaction reaction) =>
        reaction.Kind is null ? scenario.Events[reaction.On] : $"{scenario.Events[reaction.On]} ({reaction.Kind})";
}
