// Frozen with BaselineMachine (commit 984ad30346d7d2c7b74544e55d17364e410a0b83): the baseline of the profile
// interpreter's throughput. Do not change it except to keep it compiling.
using PanicPath.Model.Scenarios.Actions;

namespace PanicPath.Benchmarks.Baseline;

/// <summary>
/// One compiled action as the baseline machine executes it: the frozen copy of <c>ScenarioAction.Execute</c>, built once
/// per machine from the scenario's own actions (<see cref="Compile"/>), so that the baseline keeps running them as the
/// C#-coded machine did whatever becomes of the model's actions. Executing it changes the machine (state, locks, host,
/// trace) and answers how control goes on.
/// </summary>
public abstract class BaselineAction
{
    /// <summary>Runs the action on <paramref name="machine"/>.</summary>
    public abstract Flow Execute(BaselineMachine machine);

    /// <summary>Runs <paramref name="actions"/> in order until one returns or ends the run.</summary>
    public static Flow ExecuteAll(BaselineAction[] actions, BaselineMachine machine)
    {
        foreach (var action in actions)
        {
            var flow = action.Execute(machine);
            if (flow != Flow.Next)
            {
                return flow;
            }

            if (machine.Ended)
            {
                return Flow.Ended;
            }
        }

        return Flow.Next;
    }

    /// <summary>
    /// The baseline's form of <paramref name="actions"/>; <paramref name="compiled"/> maps every list already compiled
    /// to its form, so a helper called from several places (or from itself) is compiled once. Throws
    /// <see cref="NotSupportedException"/> for an action the frozen machine does not know.
    /// </summary>
    public static BaselineAction[] Compile(ScenarioAction[] actions, Dictionary<ScenarioAction[], BaselineAction[]> compiled)
    {
        if (compiled.TryGetValue(actions, out var done))
        {
            return done;
        }

        var result = new BaselineAction[actions.Length];
        compiled.Add(actions, result);
        for (var i = 0; i < actions.Length; i++)
        {
            result[i] = actions[i] switch
            {
                CallAction a => new BaselineCall(a.Helper, Compile(a.Target, compiled)),
                EmitAction a => new BaselineEmit(a.EventIndex),
                HypercallAction a => new BaselineHypercall(a.End),
                IfAction a => new BaselineIf(a.Text, a.Condition, Compile(a.Then, compiled), Compile(a.Otherwise, compiled)),
                LockAction a => new BaselineLock(a.LockIndex),
                NeverReturnAction => new BaselineNeverReturn(),
                PanicAction a => new BaselinePanic(a.Message),
                ReportAction a => new BaselineReport(a.Kind),
                ReturnAction a => new BaselineReturn(a.Result),
                SetAction a => new BaselineSet(a.Location, a.Target, a.Value),
                TryLockAction a => new BaselineTryLock(a.LockIndex, Compile(a.Otherwise, compiled)),
                UnlockAction a => new BaselineUnlock(a.LockIndex),
                WaitAction a => new BaselineWait(a.Text, a.Condition, a.Timeout, Compile(a.GivesUp, compiled)),
                var other => throw new NotSupportedException($"{other.Location.File}:{other.Location.Line}: the frozen baseline machine has no {other.GetType().Name}"),
            };
        }

        return result;
    }
}
