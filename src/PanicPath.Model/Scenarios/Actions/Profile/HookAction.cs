using PanicPath.Model.Kernel;

namespace PanicPath.Model.Scenarios.Actions.Profile;

/// <summary>
/// A profile's <c>hook: name</c>: the kernel calls a subsystem directly, not through a notifier chain (the debugger
/// from <c>panic()</c>, a console flush). The scenario supplies what the hook does under <c>hooks:</c>
/// (<paramref name="actions"/>); a hook it does not supply (null) does nothing and is not traced.
/// </summary>
public sealed class HookAction(SourceLocation location, string hook, ScenarioAction[]? actions) : ScenarioAction(location)
{
    internal override IEnumerable<ScenarioAction[]> Nested => actions is null ? [] : [actions];

    public override Flow Execute(Machine machine) => actions is null ? Flow.Next : machine.RunHook(hook, actions);
}
