using PanicPath.Model.Kernel;

namespace PanicPath.Model.Scenarios.Actions;

/// <summary><c>never-return</c>: the callback does not come back (a loop, a hypercall that stops the guest).</summary>
public sealed class NeverReturnAction(SourceLocation location) : ScenarioAction(location)
{
    public override Flow Execute(Machine machine)
    {
        machine.Hang("never returns");
        return Flow.Ended;
    }
}
