using PanicPath.Model.Kernel;

namespace PanicPath.Model.Scenarios.Actions.Profile;

/// <summary>A profile's <c>reach: boundary</c>: the run ends at one of the kernel's boundaries.</summary>
public sealed class ReachAction(SourceLocation location, Boundary boundary) : ScenarioAction(location)
{
    public override Flow Execute(Machine machine)
    {
        machine.ReachBoundary(boundary);
        return Flow.Ended;
    }
}
