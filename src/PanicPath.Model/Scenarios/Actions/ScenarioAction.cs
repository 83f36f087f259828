using PanicPath.Model.Kernel;

namespace PanicPath.Model.Scenarios.Actions;

/// <summary>
/// One compiled action of a callback, helper or setup block. Executing it changes the machine (state,
/// locks, host, trace) and answers how control goes on.
/// </summary>
public abstract class ScenarioAction(SourceLocation location)
{
    /// <summary>Where the action is written.</summary>
    public SourceLocation Location { get; } = location;

    /// <summary>Runs the action on <paramref name="machine"/>.</summary>
    public abstract Flow Execute(Machine machine);

    /// <summary>The action lists written inside this one (branches, else actions); none for a plain action.</summary>
    internal virtual IEnumerable<ScenarioAction[]> Nested => [];

    /// <summary>Runs <paramref name="actions"/> in order until one returns or ends the run.</summary>
    public static Flow ExecuteAll(ScenarioAction[] actions, Machine machine)
    {
        foreach (var action in actions)
        {
            var flow = action.Execute(machine);
            if (flow != Flow.Next)
            {
                return flow;
            }

            if (machine.Ended)
            {
                return Flow.Ended;
            }
        }

        return Flow.Next;
    }
}
