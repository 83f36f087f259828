using PanicPath.Model.Kernel;

namespace PanicPath.Model.Scenarios.Actions.Profile;

/// <summary>A profile's <c>return</c>: leaves the function being run.</summary>
public sealed class LeaveAction(SourceLocation location) : ScenarioAction(location)
{
    public override Flow Execute(Machine machine) => Flow.Return;
}
