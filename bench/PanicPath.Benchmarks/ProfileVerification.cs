using PanicPath.Benchmarks.Baseline;
using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios;

namespace PanicPath.Benchmarks;

/// <summary>
/// <c>profile-throughput --verify</c>: runs every configuration of the seed files (as the explorer enumerates them) on
/// the frozen <see cref="BaselineMachine"/> and on the current <see cref="Machine"/>, both with the trace on, and
/// compares the end boundary, the violated invariants, the hang reason, the values the run ran with after setup and
/// every trace step. Prints the first difference (file, configuration, what differs, the first differing step of each)
/// and exits 1, or one line with the number of configurations compared and exits 0. The throughput ratio means what it
/// says only while this passes.
/// </summary>
public static class ProfileVerification
{
    /// <summary>Compares the machines on every configuration of <paramref name="seeds"/>; answers the exit code.</summary>
    public static int Run(IReadOnlyList<(string Name, Scenario Scenario)> seeds)
    {
        long compared = 0;
        foreach (var (name, scenario) in seeds)
        {
            var space = new ConfigurationSpace(scenario);
            var baseline = new BaselineMachine(scenario);
            var current = new Machine(scenario);
            var baselineSteps = new List<TraceStep>();
            var currentSteps = new List<TraceStep>();
            foreach (var choices in space.Choices())
            {
                baselineSteps.Clear();
                currentSteps.Clear();
                var expected = baseline.Run(choices, baselineSteps);
                var actual = current.Run(choices, currentSteps);
                var difference = Difference(scenario, expected, baseline.Effective, baselineSteps, actual, current.Effective, currentSteps);
                compared++;
                if (difference is not null)
                {
                    Console.WriteLine($"{name}: {space.Describe(choices).Key}: the current machine differs from the baseline: {difference}");
                    return 1;
                }
            }
        }

        Console.WriteLine($"{compared} configurations of {seeds.Count} seed files: the current machine ends, violates, hangs and traces as the baseline in every one");
        return 0;
    }

    private static string? Difference(Scenario scenario, RunResult expected, ReadOnlySpan<int> expectedEffective, List<TraceStep> expectedSteps,
        RunResult actual, ReadOnlySpan<int> actualEffective, List<TraceStep> actualSteps)
    {
        if (expected.Outcome != actual.Outcome)
        {
            return $"ends at {BoundaryNames.Name(actual.Outcome)}, the baseline at {BoundaryNames.Name(expected.Outcome)}";
        }

        if (expected.Violated != actual.Violated)
        {
            return $"violates {Names(scenario, actual.Violated)}, the baseline {Names(scenario, expected.Violated)}";
        }

        if (expected.HangReason != actual.HangReason)
        {
            return $"hangs because '{actual.HangReason}', the baseline because '{expected.HangReason}'";
        }

        if (!expectedEffective.SequenceEqual(actualEffective))
        {
            return "runs with other values after setup than the baseline";
        }

        for (var i = 0; i < Math.Max(expectedSteps.Count, actualSteps.Count); i++)
        {
            var was = i < expectedSteps.Count ? expectedSteps[i] : null;
            var now = i < actualSteps.Count ? actualSteps[i] : null;
            if (was != now)
            {
                return $"step {i + 1} of the trace\n  baseline: {Show(was)}\n  current:  {Show(now)}";
            }
        }

        return null;
    }

    private static string Names(Scenario scenario, ulong violated)
    {
        var names = scenario.Invariants.Where(i => (violated & (1UL << i.Index)) != 0).Select(i => i.Name).ToList();
        return names.Count == 0 ? "nothing" : string.Join(", ", names);
    }

    private static string Show(TraceStep? step) =>
        step is null ? "(no step: the trace ended)" : $"cpu{step.Cpu} {step.Chain} {step.Callback}: {step.Action}{(step.Change.Length > 0 ? $" ({step.Change})" : string.Empty)}";
}
