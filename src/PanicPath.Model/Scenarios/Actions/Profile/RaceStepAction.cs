using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Races;

namespace PanicPath.Model.Scenarios.Actions.Profile;

/// <summary>
/// A labelled step of the kernel profile in a scenario that races (<c>race:</c>): runs the step's actions between the
/// race points before and after it. A scenario without <c>race:</c> compiles its steps without this wrapper, so its
/// runs pay nothing for races.
/// </summary>
public sealed class RaceStepAction(SourceLocation location, int step, ScenarioAction[] body) : ScenarioAction(location)
{
    internal override IEnumerable<ScenarioAction[]> Nested => [body];

    public override Flow Execute(Machine machine)
    {
        if (machine.AtRacePoint(step, RaceMoment.Before) == Flow.Ended)
        {
            return Flow.Ended;
        }

        var flow = ExecuteAll(body, machine);
        return flow != Flow.Next || machine.Ended ? flow : machine.AtRacePoint(step, RaceMoment.After);
    }
}
