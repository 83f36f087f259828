using PanicPath.Model.Kernel;

namespace PanicPath.Model.Scenarios.Actions.Profile;

/// <summary>A profile's <c>hang: reason</c>: the CPU never gets further.</summary>
public sealed class HangAction(SourceLocation location, string reason) : ScenarioAction(location)
{
    public override Flow Execute(Machine machine)
    {
        machine.Hang(reason);
        return Flow.Ended;
    }
}
