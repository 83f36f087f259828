using PanicPath.Model.Scenarios.Actions;
using PanicPath.Model.Scenarios.Races;

namespace PanicPath.Model.Kernel;

/// <summary>
/// Races (<c>race:</c>): when the first CPU reaches the configuration's point of its path, another CPU enters the fatal
/// path through the same entry methods (<see cref="Panic"/>, <see cref="Oops"/>, <see cref="Warn"/>,
/// <see cref="NmiPanic"/>), with the running CPU switched to it, and runs until it stops itself (it lost the profile's
/// claim of <c>panic_cpu</c>, or <c>nmi_panic()</c>'s), returns (an oops or warning the kernel survives), never gets
/// further (it spins, or waits forever: the first CPU goes on), or ends the run at a boundary (it won). The winner is
/// whatever the profile's claim and the C# entries decide; nothing here picks one. While the racer runs, the first
/// CPU is inside its fatal path with interrupts off (<c>local_irq_disable()</c> in <c>panic()</c>, 6.1
/// kernel/panic.c:300; <c>oops_begin()</c>'s <c>raw_local_irq_save()</c>; NMI context): a stop IPI does not reach it
/// (x86 stops it with the NMI after a second, arm64 leaves it running), an NMI stop does. A racer that never gets
/// further is the same for the stops after it, and a lock it holds is never released.
/// </summary>
public sealed partial class Machine
{
    private Race race = Race.None;
    private bool raceFired;
    private bool raceRan;
    private int racer = -1;
    private int raceFirst = -1;
    private bool racerOut;
    private ulong irqsOff;
    private ulong stuckCpus;
    private string? racerHang;

    /// <summary>True when the last run's race happened: its point was reached while another CPU could still run. A run whose race did not happen reads as <c>race: none</c>.</summary>
    public bool RaceRan => raceRan;

    private void ResetRace(Race chosen)
    {
        race = chosen;
        raceFired = false;
        raceRan = false;
        racer = -1;
        raceFirst = -1;
        racerOut = false;
        irqsOff = 0;
        stuckCpus = 0;
        racerHang = null;
    }

    /// <summary>
    /// Why a run whose path came back without a boundary hangs: the first CPU stopped itself (the racer holds
    /// <c>panic_cpu</c>) and the racer never got further, or the path returned.
    /// </summary>
    private string ReturnedWithoutBoundary() => raceRan && cpus[cpu] == CpuState.Stopped
        ? racerHang is null ? "stopped itself, and no other CPU goes on" : $"stopped itself, and {racerHang}"
        : "the path returned without reaching a boundary";

    /// <summary>The first CPU is at <paramref name="moment"/> of labelled step <paramref name="step"/>: the race starts here when it is the configuration's point, once.</summary>
    internal Flow AtRacePoint(int step, RaceMoment moment)
    {
        if (raceFired || race.Step != step || race.Moment != moment)
        {
            return Flow.Next;
        }

        raceFired = true;
        var other = RacingCpu();
        if (other >= 0)
        {
            RunRacer(other);
        }

        return Ended ? Flow.Ended : Flow.Next;
    }

    /// <summary>
    /// The CPU that races the running one: <see cref="OtherCpu"/>, the next one after it (the one the faults strike),
    /// when it still runs and has not got stuck; −1 otherwise (the race does not happen).
    /// </summary>
    private int RacingCpu()
    {
        var other = OtherCpu;
        return other != cpu && cpus[other] == CpuState.Running && (stuckCpus & (1UL << other)) == 0 ? other : -1;
    }

    private void RunRacer(int other)
    {
        raceRan = true;
        var first = cpu;
        var savedContext = context;
        var savedCallback = callback;
        var savedResult = callbackResult;
        var savedHelpers = helperDepth;
        var savedFunctions = functionDepth;
        var savedPanics = panicDepth;
        var savedMessage = panicMessage;
        var locals = scenario.Profile.LocalSlots;
        var savedLocals = new int[locals.Count];
        for (var i = 0; i < locals.Count; i++)
        {
            savedLocals[i] = values[locals[i]];
        }

        Record(other, "race", string.Empty, $"{EntryNames.Name(race.Does)} on cpu{other} while cpu{first} is {MomentText(race.Moment)} {scenario.RaceSteps[race.Step].Name}", string.Empty);
        SwitchCpu(other);
        racer = other;
        raceFirst = first;
        irqsOff |= 1UL << first;
        context = string.Empty;
        callback = string.Empty;
        helperDepth = 0;
        panicDepth = 0;
        Enter(race.Does);
        if (racerOut)
        {
            racerOut = false;
            Ended = false;
            outcome = Boundary.Hang;
        }
        else if (Ended)
        {
            // The racer ended the run: it won, and the first CPU stays wherever the racer's stop left it.
            racer = -1;
            return;
        }
        else if (cpus[other] == CpuState.Running)
        {
            Step($"returns to what it was doing", string.Empty);
        }

        SwitchCpu(first);
        racer = -1;
        irqsOff &= ~(1UL << first);
        context = savedContext;
        callback = savedCallback;
        callbackResult = savedResult;
        helperDepth = savedHelpers;
        functionDepth = savedFunctions;
        panicDepth = savedPanics;
        panicMessage = savedMessage;
        for (var i = 0; i < locals.Count; i++)
        {
            values[locals[i]] = savedLocals[i];
        }
    }

    /// <summary>
    /// The racer came to an end of its own that is not the run's: its oops or warning is over (<paramref name="boundary"/>,
    /// not an event of the run), or it never gets further (<paramref name="hang"/>). Unwinds it back to the first CPU.
    /// </summary>
    private bool RacerOut(Boundary boundary, string? hang)
    {
        // Only while the first CPU can still go on: once the racer's stop has stopped it, the racer's end is the run's.
        if (racer < 0 || cpus[raceFirst] != CpuState.Running || (hang is null && boundary is not (Boundary.EndOfOops or Boundary.EndOfWarn)))
        {
            return false;
        }

        if (hang is null)
        {
            Step($"{(boundary == Boundary.EndOfOops ? "the oops" : "the warning")} is over: returns to what it was doing; cpu{raceFirst} goes on", string.Empty);
        }
        else
        {
            Step($"never gets further: {hang}; cpu{raceFirst} goes on", string.Empty);
            racerHang ??= $"cpu{racer} {(callback.Length > 0 ? callback + " " : string.Empty)}{hang}";
            stuckCpus |= 1UL << racer;
            irqsOff |= 1UL << racer;
        }

        racerOut = true;
        Ended = true;
        return true;
    }

    /// <summary>True when <paramref name="owner"/> cannot release a lock: a racer that never got further, or the first CPU, which the racer interrupted.</summary>
    private bool CannotRelease(int owner) => (stuckCpus & (1UL << owner)) != 0 || (racer >= 0 && owner == raceFirst);

    private static string MomentText(RaceMoment moment) => moment == RaceMoment.Before ? "before" : "after";
}
