using PanicPath.Model.Kernel;

namespace PanicPath.Model.Scenarios.Actions;

/// <summary><c>call: helper</c>: runs a named helper; its <c>return</c> comes back here.</summary>
public sealed class CallAction(SourceLocation location, string helper) : ScenarioAction(location)
{
    /// <summary>The helper's actions, bound once every helper is known.</summary>
    internal ScenarioAction[] Target { get; set; } = [];

    public string Helper { get; } = helper;

    internal override IEnumerable<ScenarioAction[]> Nested => [Target];

    public override Flow Execute(Machine machine)
    {
        machine.Step($"call {Helper}", string.Empty);
        if (!machine.EnterHelper())
        {
            return Flow.Ended;
        }

        var flow = ExecuteAll(Target, machine);
        machine.LeaveHelper();
        return flow == Flow.Ended ? Flow.Ended : Flow.Next;
    }
}
