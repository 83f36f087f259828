using PanicPath.Model.Kernel;

namespace PanicPath.Model.Scenarios.Actions.Profile;

/// <summary>A profile's <c>call: function</c>: runs another function of the profile; its <c>return</c> comes back here. Not traced.</summary>
public sealed class FunctionCallAction(SourceLocation location, string function) : ScenarioAction(location)
{
    /// <summary>The function's steps, bound once every function of the profile is compiled.</summary>
    internal ScenarioAction[] Target { get; set; } = [];

    /// <summary>The function called.</summary>
    public string Function { get; } = function;

    internal override IEnumerable<ScenarioAction[]> Nested => [Target];

    public override Flow Execute(Machine machine)
    {
        if (!machine.EnterFunction())
        {
            return Flow.Ended;
        }

        var flow = ExecuteAll(Target, machine);
        machine.LeaveFunction();
        return flow == Flow.Ended ? Flow.Ended : Flow.Next;
    }
}
