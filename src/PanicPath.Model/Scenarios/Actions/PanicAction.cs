using PanicPath.Model.Kernel;

namespace PanicPath.Model.Scenarios.Actions;

/// <summary><c>panic: message</c>: the callback calls <c>panic()</c> itself (a nested panic on the same CPU).</summary>
public sealed class PanicAction(SourceLocation location, string message) : ScenarioAction(location)
{
    /// <summary>The panic message.</summary>
    internal string Message => message;

    public override Flow Execute(Machine machine)
    {
        machine.NestedPanic(message);
        return machine.Ended ? Flow.Ended : Flow.Next;
    }
}
