using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Expressions;

namespace PanicPath.Model.Scenarios.Actions;

/// <summary>
/// <c>wait: condition</c>: waits for something that may never come. Nothing else runs while the panicking CPU
/// waits, so the state when the wait starts decides it: a condition false now stays false. Without
/// <c>timeout: true</c> or <c>for:</c> the wait never ends. With either the wait is bounded (a poll that gives up,
/// like <c>vmbus_wait_for_unload</c>): when the condition holds the wait completes and the action goes on; when it
/// does not, the wait gives up, runs its <c>else:</c> actions, and goes on. The condition may read the
/// machine's state, e.g. <c>stopped_cpus</c> and <c>panic_cpu</c>, so the outcome depends on what was stopped.
/// Time (<c>for: 100s</c>, <paramref name="bound"/> in microseconds, -1 without): a kernel poll tests before it
/// delays (<c>if (completion_done(…)) goto completed; … mdelay(UNLOAD_DELAY_UNIT_MS);</c>), so a condition true at
/// once takes no time, and one that is false stays false and takes the whole bound before the wait gives up.
/// </summary>
public sealed class WaitAction(SourceLocation location, string text, Expr condition, bool timeout, ScenarioAction[] givesUp, long bound = -1) : ScenarioAction(location)
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

        if (bound >= 0)
        {
            if (bound == 0)
            {
                machine.Step($"wait {text}: false, gives up at once", string.Empty);
            }
            else
            {
                machine.Elapse(bound, $"wait {text}: polls for {Duration.Format(bound)}, never true, gives up");
            }

            return ExecuteAll(givesUp, machine);
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
