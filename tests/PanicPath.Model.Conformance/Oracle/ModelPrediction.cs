using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Conformance.Oracle;

/// <summary>
/// The model's prediction for a configuration: the equivalent scenario (<see cref="ScenarioText"/>) is
/// compiled and its one configuration run with the trace on, through the model's public API
/// (<see cref="ScenarioParser"/>, <see cref="ScenarioExplorer.Trace"/>); the trace is read into the oracle's
/// vocabulary (<see cref="PathRecord"/>).
/// </summary>
public static class ModelPrediction
{
    /// <summary>The model's path for <paramref name="c"/>.</summary>
    public static PathRecord Predict(OracleConfiguration c)
    {
        var scenario = ScenarioParser.Parse(ScenarioText.For(c), $"oracle-{c.Id}.yaml");
        var run = ScenarioExplorer.Trace(scenario, ScenarioText.Selection(c));
        return Read(run.Trace, run.Result.Outcome);
    }

    /// <summary>The names of the invariants the model says the run of <paramref name="c"/> breaks (none without invariants).</summary>
    public static IReadOnlyList<string> Broken(OracleConfiguration c)
    {
        var scenario = ScenarioParser.Parse(ScenarioText.For(c), $"oracle-{c.Id}.yaml");
        var run = ScenarioExplorer.Trace(scenario, ScenarioText.Selection(c));
        return [.. scenario.Invariants.Where(i => run.Result.Violates(i.Index)).Select(i => i.Name)];
    }

    /// <summary>Reads a trace: callbacks called, events emitted, the panic entry, and the boundary reached.</summary>
    public static PathRecord Read(IReadOnlyList<TraceStep> trace, Boundary outcome)
    {
        var order = new List<string>();
        var pstore = new List<string>();
        var pvpanic = PathRecord.NotRun;
        var reason = "PANIC";
        foreach (var step in trace)
        {
            if (step.Chain == "panic()" && step.Callback.Length == 0 && step.Action.StartsWith("panic: ", StringComparison.Ordinal))
            {
                order.Add("panic-entry");
            }
            else if (step.Callback.Length == 0 && step.Action.StartsWith("kmsg_dump(", StringComparison.Ordinal))
            {
                reason = step.Action["kmsg_dump(".Length..].TrimEnd(')');
            }
            else if (step.Callback.Length > 0 && step.Action.StartsWith("called", StringComparison.Ordinal))
            {
                switch (step.Chain)
                {
                    case "panic" when step.Callback == "pvpanic":
                        break; // what it tells the host is read from its emit
                    case "panic":
                        order.Add("panic:" + step.Callback);
                        break;
                    case "die":
                        order.Add("die:" + step.Callback);
                        break;
                    case "kmsg_dump" when step.Callback == "ramoops":
                        pstore.Add(reason == "PANIC" ? "Panic" : "Oops");
                        break;
                    case "kmsg_dump":
                        order.Add($"dump:{step.Callback}:{reason}");
                        break;
                    case "crash_shutdown":
                        order.Add("crash_shutdown");
                        break;
                }
            }
            else if (step.Action.StartsWith("emit ", StringComparison.Ordinal))
            {
                var name = step.Action["emit ".Length..];
                if (name.StartsWith("pvpanic-", StringComparison.Ordinal))
                {
                    pvpanic = name["pvpanic-".Length..];
                }
                else
                {
                    order.Add(name == "host-report" ? "report" : name);
                }
            }
        }

        var end = outcome switch
        {
            Boundary.CrashKernelBoot => PathRecord.Kdump,
            Boundary.Restart => PathRecord.Restart,
            Boundary.EndOfPanic => PathRecord.EndOfPanic,
            Boundary.EndOfOops => PathRecord.EndOfOops,
            _ => PathRecord.Hang,
        };
        return new PathRecord(order, end, pvpanic, pstore);
    }
}
