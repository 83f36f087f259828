using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Expressions;

namespace PanicPath.Model.Scenarios.Actions;

/// <summary>
/// <c>wait: condition</c>: waits for something that may never come. Nothing else runs while the panicking CPU
/// waits, so the state when the wait starts decides it: a condition false now stays false. Without
/// <c>timeout: true</c> the wait never ends. With it the wait is bounded (a poll that gives up, like
/// <c>vmbus_wait_for_unload</c>): when the condition holds the wait completes and the action goes on; when it
/// does not, the wait gives up, runs its <c>else:</c> actions, and goes on. The condition may read the
/// machine's state, e.g. <c>stopped_cpus</c> and <c>panic_cpu</c>, so the outcome depends on what was stopped.
/// </summary>
public sealed class WaitAction(SourceLocation location, string text, Expr condition, bool timeout, ScenarioAction[] givesUp) : ScenarioAction(location)
{
    /// <summary>The condition as written, for the trace.</summary>
    internal string Text => text;

    /// <summary>The condition waited for.</summary>
    internal Expr Condition => condition;

    /// <summary>True when the wait is bounded.</summary>
    internal bool Timeout => timeout;

    /// <summary>The actions when a bounded wait gives up.</summary>
    internal ScenarioAction[] GivesUp => givesUp;

    public override Flow Execute(Machine machine)
    {
        if (condition.IsTrue(machine))
        {
            machine.Step($"wait {text}: already true, completes", string.Empty);
            return Flow.Next;
        }

        if (timeout)
        {
            machine.Step($"wait {text}: times out, gives up", string.Empty);
            return ExecuteAll(givesUp, machine);
        }

        machine.Hang($"waits forever for {text}");
        return Flow.Ended;
    }

    internal override IEnumerable<ScenarioAction[]> Nested => [givesUp];
}
