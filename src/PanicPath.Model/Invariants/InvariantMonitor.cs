using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Invariants;

/// <summary>
/// Watches one run for the scenario's invariants: at each event (happens-while, happens-before), at the
/// boundary (state checks, required events) and at the end (exactly once, at most once, terminates,
/// reaches). Answers the violated invariants as a bit mask, counting only those whose <c>when</c> held
/// after boot.
/// </summary>
public sealed class InvariantMonitor
{
    private readonly Scenario scenario;
    private readonly Machine machine;
    private readonly Invariant[][] byEvent;
    private ulong applicable;
    private ulong violated;

    /// <summary>Creates the monitor of <paramref name="machine"/> for <paramref name="scenario"/>'s invariants.</summary>
    public InvariantMonitor(Scenario scenario, Machine machine)
    {
        this.scenario = scenario;
        this.machine = machine;
        byEvent = new Invariant[scenario.Events.Count][];
        for (var e = 0; e < byEvent.Length; e++)
        {
            var index = e;
            byEvent[e] = scenario.Invariants
                .Where(i => (i.Kind == InvariantKind.HappensWhile && i.EventA == index) || (i.Kind == InvariantKind.HappensBefore && i.EventB == index))
                .ToArray();
        }
    }

    /// <summary>Decides which invariants apply to this run; call after boot.</summary>
    public void Start()
    {
        applicable = 0;
        violated = 0;
        foreach (var invariant in scenario.Invariants)
        {
            if (invariant.When is null || invariant.When.IsTrue(machine))
            {
                applicable |= 1UL << invariant.Index;
            }
        }
    }

    /// <summary>Checks the invariants watching <paramref name="eventIndex"/>, which just happened.</summary>
    public void OnEvent(int eventIndex)
    {
        foreach (var invariant in byEvent[eventIndex])
        {
            var broken = invariant.Kind == InvariantKind.HappensWhile
                ? !invariant.Condition!.IsTrue(machine)
                : machine.Count(invariant.EventA) == 0;
            if (broken)
            {
                Violate(invariant, invariant.Kind == InvariantKind.HappensWhile
                    ? $"{scenario.Events[eventIndex]} happens while the condition is false"
                    : $"{scenario.Events[eventIndex]} happens before {scenario.Events[invariant.EventA]}");
            }
        }
    }

    /// <summary>Checks the invariants attached to <paramref name="boundary"/>, which the run just reached.</summary>
    public void OnBoundary(Boundary boundary)
    {
        var bit = 1 << (int)boundary;
        foreach (var invariant in scenario.Invariants)
        {
            if ((invariant.Boundaries & bit) == 0)
            {
                continue;
            }

            if (invariant.Kind == InvariantKind.AtBoundary && !invariant.Condition!.IsTrue(machine))
            {
                Violate(invariant, $"the condition is false at {BoundaryNames.Name(boundary)}");
            }
            else if (invariant.Kind == InvariantKind.HappensWhile && machine.Count(invariant.EventA) == 0)
            {
                Violate(invariant, $"{scenario.Events[invariant.EventA]} has not happened by {BoundaryNames.Name(boundary)}");
            }
        }
    }

    /// <summary>Checks the whole-run invariants and answers the violated, applicable ones.</summary>
    public ulong Finish(Boundary outcome)
    {
        foreach (var invariant in scenario.Invariants)
        {
            switch (invariant.Kind)
            {
                case InvariantKind.ExactlyOnce when machine.Count(invariant.EventA) != 1:
                    Violate(invariant, $"{scenario.Events[invariant.EventA]} happened {machine.Count(invariant.EventA)} times");
                    break;
                case InvariantKind.AtMostOnce when machine.Count(invariant.EventA) > 1:
                    Violate(invariant, $"{scenario.Events[invariant.EventA]} happened {machine.Count(invariant.EventA)} times");
                    break;
                case InvariantKind.Terminates when outcome == Boundary.Hang:
                    Violate(invariant, "the run never reaches a boundary");
                    break;
                case InvariantKind.Reaches when outcome != (Boundary)BitIndex(invariant.Boundaries):
                    Violate(invariant, $"the run ends at {BoundaryNames.Name(outcome)}");
                    break;
            }
        }

        return violated & applicable;
    }

    private static int BitIndex(int mask) => System.Numerics.BitOperations.TrailingZeroCount(mask);

    private void Violate(Invariant invariant, string why)
    {
        var bit = 1UL << invariant.Index;
        if ((applicable & bit) != 0 && (violated & bit) == 0)
        {
            machine.Step($"invariant {invariant.Name} violated: {why}", string.Empty);
        }

        violated |= bit;
    }
}
