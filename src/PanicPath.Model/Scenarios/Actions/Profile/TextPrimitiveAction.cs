using PanicPath.Model.Kernel;
using PanicPath.Model.Kernel.Profiles;

namespace PanicPath.Model.Scenarios.Actions.Profile;

/// <summary>
/// A profile step that calls a machine primitive whose argument is a text with values (<c>panic: MESSAGE</c>,
/// <c>kexec-lock: TEXT</c>, <c>self-stop: TEXT</c>): the text is built only when the machine traces, since only the
/// trace shows it.
/// </summary>
public sealed class TextPrimitiveAction(SourceLocation location, KernelPrimitive primitive, SayText text) : ScenarioAction(location)
{
    public override Flow Execute(Machine machine) => machine.Primitive(primitive, machine.Tracing ? text.Format(machine) : string.Empty, 0);
}
