using PanicPath.Model.Kernel;
using PanicPath.Model.Kernel.Profiles;

namespace PanicPath.Model.Scenarios.Actions.Profile;

/// <summary>
/// A profile step that calls a machine primitive: <paramref name="text"/> is its written argument (the trace text of
/// the stops), <paramref name="argument"/> its compiled one (a chain, a kmsg reason, a
/// <c>panic_print</c> part).
/// </summary>
public sealed class PrimitiveAction(SourceLocation location, KernelPrimitive primitive, string text, int argument) : ScenarioAction(location)
{
    public override Flow Execute(Machine machine) => machine.Primitive(primitive, text, argument);
}
