using PanicPath.Model.Kernel;

namespace PanicPath.Model.Scenarios.Actions.Profile;

/// <summary>
/// A profile's <c>call: function</c>: runs another function of the profile; its <c>return</c> comes back here. Not traced.
/// With <c>arg: TEXT</c> the callee's texts read TEXT as <c>{arg}</c> (what calls it, a message) until it returns; the
/// text is built only when the machine traces. A CPU that stopped itself in the callee (it lost <c>panic_cpu</c>) runs
/// nothing more: the caller returns too.
/// </summary>
public sealed class FunctionCallAction(SourceLocation location, string function, SayText? arg) : ScenarioAction(location)
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

        var saved = machine.Argument;
        if (arg is not null)
        {
            machine.Argument = machine.Tracing ? arg.Format(machine) : string.Empty;
        }

        var flow = ExecuteAll(Target, machine);
        machine.Argument = saved;
        machine.LeaveFunction();
        return flow == Flow.Ended ? Flow.Ended : machine.RunningCpuStopped ? Flow.Return : Flow.Next;
    }
}
