using PanicPath.Model.Kernel;

namespace PanicPath.Model.Scenarios.Actions;

/// <summary><c>emit: event</c>: marks that something observable happened (a flush reaching the host, …).</summary>
public sealed class EmitAction(SourceLocation location, int eventIndex) : ScenarioAction(location)
{
    /// <summary>The event emitted.</summary>
    internal int EventIndex => eventIndex;

    public override Flow Execute(Machine machine)
    {
        machine.Emit(eventIndex, string.Empty);
        return Flow.Next;
    }
}
