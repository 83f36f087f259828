using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Invariants;

/// <summary>
/// Watches one run for the scenario's invariants: at each event (happens-while, happens-before), at the
/// boundary (state checks, required events) and at the end (exactly once, at most once, at least once,
/// terminates, reaches, and the deadlines of happens-by that a hang or the host's end of the VM never let
/// come). Answers the violated invariants as a bit mask, counting only those whose <c>when</c> held after
/// boot. A hang violates every liveness invariant it breaks, and the violation step names the hang's reason;
/// a host end (host-stop, host-reset, host-pause) is an end, not a hang. Time bounds (<c>within</c>) read the model
/// clock (<see cref="Machine.Now"/>): at the boundary for <c>reaches</c> and <c>by</c>, at each occurrence of the event
/// for <c>happens</c>; a run that hangs, or that the host ends elsewhere, before a bare <c>by</c>'s boundary misses it.
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
                .Where(i => (i.Kind == InvariantKind.HappensWhile && (i.Condition is not null || i.Within >= 0) && i.EventA == index) || (i.Kind == InvariantKind.HappensBefore && i.EventB == index))
                .ToArray();
        }
    }

    /// <summary>Starts a run: forgets what the last run violated and decides which invariants apply from their <c>when</c> now (then <see cref="Decide"/> again after boot).</summary>
    public void Start()
    {
        violated = 0;
        Decide();
    }

    /// <summary>
    /// Decides again which invariants apply, from their <c>when</c> now, keeping what was violated so far: call
    /// once boot is over (setup, after-boot, faults injected), or when the run hangs before that.
    /// </summary>
    public void Decide()
    {
        applicable = 0;
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
            if (invariant.Kind == InvariantKind.HappensWhile && invariant.Within >= 0 && machine.Now > invariant.Within)
            {
                Violate(invariant, $"{scenario.Events[eventIndex]} happens at t={Duration.Format(machine.Now)}, past its bound of {Duration.Format(invariant.Within)}");
            }

            if (invariant.Kind == InvariantKind.HappensWhile && invariant.Condition is null)
            {
                continue;
            }

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

            if (invariant.Kind is InvariantKind.AtBoundary or InvariantKind.Reaches && invariant.Condition is { } expect && !expect.IsTrue(machine))
            {
                Violate(invariant, $"the condition is false at {BoundaryNames.Name(boundary)}");
            }
            else if (invariant.Kind == InvariantKind.HappensWhile && machine.Count(invariant.EventA) == 0)
            {
                Violate(invariant, $"{scenario.Events[invariant.EventA]} has not happened by {BoundaryNames.Name(boundary)}");
            }
            else if (invariant.Kind is InvariantKind.Reaches or InvariantKind.ReachedWithin && invariant.Within >= 0 && machine.Now > invariant.Within)
            {
                Violate(invariant, $"{BoundaryNames.Name(boundary)} reached at t={Duration.Format(machine.Now)}, past its bound of {Duration.Format(invariant.Within)}");
            }
        }
    }

    /// <summary>
    /// Checks the whole-run invariants of a run that ended at <paramref name="outcome"/> (after
    /// <paramref name="hangReason"/> when it hung) and answers the violated, applicable ones.
    /// </summary>
    public ulong Finish(Boundary outcome, string? hangReason = null)
    {
        var outcomeBit = outcome == Boundary.Hang ? 0 : 1 << (int)outcome;
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
                case InvariantKind.AtLeastOnce when machine.Count(invariant.EventA) == 0:
                    Violate(invariant, outcome == Boundary.Hang
                        ? $"the run hangs before {scenario.Events[invariant.EventA]}: {hangReason}"
                        : $"the run ends at {BoundaryNames.Name(outcome)} without {scenario.Events[invariant.EventA]}");
                    break;
                case InvariantKind.Terminates when outcome == Boundary.Hang:
                    Violate(invariant, $"the run never reaches a boundary: {hangReason}");
                    break;
                case InvariantKind.Reaches when (invariant.Boundaries & outcomeBit) == 0:
                    Violate(invariant, outcome == Boundary.Hang
                        ? $"the run hangs before reaching {Names(invariant.Boundaries)}: {hangReason}"
                        : $"the run ends at {BoundaryNames.Name(outcome)}");
                    break;
                case InvariantKind.HappensWhile when invariant.Boundaries != 0 && (invariant.Boundaries & outcomeBit) == 0
                    && (outcome == Boundary.Hang || BoundaryNames.IsHostEnd(outcome)) && machine.Count(invariant.EventA) == 0:
                    Violate(invariant, outcome == Boundary.Hang
                        ? $"the run hangs before {scenario.Events[invariant.EventA]}, so it misses its deadline ({Names(invariant.Boundaries)}): {hangReason}"
                        : $"the host ends the run at {BoundaryNames.Name(outcome)} before {scenario.Events[invariant.EventA]}, so it misses its deadline ({Names(invariant.Boundaries)})");
                    break;
                case InvariantKind.ReachedWithin when (invariant.Boundaries & outcomeBit) == 0 && (outcome == Boundary.Hang || BoundaryNames.IsHostEnd(outcome)):
                    Violate(invariant, outcome == Boundary.Hang
                        ? $"the run hangs before reaching {Names(invariant.Boundaries)}, so it misses its bound of {Duration.Format(invariant.Within)}: {hangReason}"
                        : $"the host ends the run at {BoundaryNames.Name(outcome)} before {Names(invariant.Boundaries)}, so it misses its bound of {Duration.Format(invariant.Within)}");
                    break;
            }
        }

        return violated & applicable;
    }

    private static string Names(int boundaries)
    {
        var names = new List<string>();
        for (var b = 0; b < (int)Boundary.Hang; b++)
        {
            if ((boundaries & (1 << b)) != 0)
            {
                names.Add(BoundaryNames.Name((Boundary)b));
            }
        }

        return string.Join(" or ", names);
    }

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
