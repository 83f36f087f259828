using PanicPath.Model.Kernel;
using PanicPath.Notifiers;

namespace PanicPath.Model.Scenarios.Actions;

/// <summary><c>return</c> or <c>return: DONE|OK|STOP|BAD</c>: leaves the helper, or the callback with that result.</summary>
public sealed class ReturnAction(SourceLocation location, NotifyResult result) : ScenarioAction(location)
{
    /// <summary>The result the callback answers.</summary>
    internal NotifyResult Result => result;

    public override Flow Execute(Machine machine)
    {
        machine.SetResult(result);
        return Flow.Return;
    }
}
