using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Expressions;

namespace PanicPath.Model.Scenarios.Actions.Profile;

/// <summary>
/// A profile's <c>say:</c>: a trace step whose text is <paramref name="text"/> — literal text and, for each
/// <c>{expression}</c> written in it, the value formatted — built only when the machine traces.
/// </summary>
public sealed class SayAction(SourceLocation location, SayText text) : ScenarioAction(location)
{
    public override Flow Execute(Machine machine)
    {
        if (machine.Tracing)
        {
            machine.Step(text.Format(machine), string.Empty);
        }

        return Flow.Next;
    }
}
