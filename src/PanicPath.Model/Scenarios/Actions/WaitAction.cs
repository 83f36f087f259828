using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Expressions;

namespace PanicPath.Model.Scenarios.Actions;

/// <summary>
/// <c>wait: condition</c>: waits for something that may never come. Nothing else runs while the
/// panicking CPU waits, so a condition false now stays false: without <c>timeout: true</c> the wait never
/// ends; with it the wait gives up and the action goes on.
/// </summary>
public sealed class WaitAction(SourceLocation location, string text, Expr condition, bool timeout) : ScenarioAction(location)
{
    public override Flow Execute(Machine machine)
    {
        if (condition.IsTrue(machine))
        {
            machine.Step($"wait {text}: already true", string.Empty);
            return Flow.Next;
        }

        if (timeout)
        {
            machine.Step($"wait {text}: times out", string.Empty);
            return Flow.Next;
        }

        machine.Hang($"waits forever for {text}");
        return Flow.Ended;
    }
}
