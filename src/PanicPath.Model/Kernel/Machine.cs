using PanicPath.Model.Invariants;
using PanicPath.Model.Scenarios;
using PanicPath.Model.Scenarios.Actions;
using PanicPath.Model.Scenarios.Expressions;
using System.Runtime.CompilerServices;
using PanicPath.Notifiers;

namespace PanicPath.Model.Kernel;

/// <summary>
/// The simulated kernel: N CPUs, spinlocks, the scenario's state and the host, running one configuration
/// of a compiled <see cref="Scenario"/> from boot (setup actions, registrations) through the chosen entry
/// point to a <see cref="Boundary"/>. Deterministic: the same configuration always gives the same run.
/// A machine is reusable: each <see cref="Run"/> starts from a fresh boot. Not thread-safe; use one per thread.
/// </summary>
public sealed partial class Machine : IValueContext
{
    private const int MaxPanicDepth = 4;
    private const int MaxHelperDepth = 32;
    private const int MaxCachedChainSets = 1024;

    private readonly Scenario scenario;
    private readonly int[] values;
    private readonly int[] lockOwner;
    private readonly CpuState[] cpus;
    private readonly int[] eventCounts;
    private readonly bool[] registered;
    private readonly Dictionary<ulong, ChainSet> chainCache = [];
    private readonly InvariantMonitor monitor;
    private readonly int panicSymbol;
    private readonly int dieOopsSymbol;
    private readonly int x86Symbol;
    private readonly int[] chainSymbols;
    private readonly int[] reasonSymbols;
    private readonly int initSymbol;
    private readonly int idleSymbol;
    private readonly int[] effective;
    private readonly SourceLocation?[] setBy;

    private List<TraceStep>? trace;
    private ChainSet chains = null!;
    private Fault fault = null!;
    private bool faultFired;
    private int cpu;
    private bool briefHolder;
    private bool crashCpusStopped;
    private int panicDepth;
    private int helperDepth;
    private string context = string.Empty;
    private string callback = string.Empty;
    private NotifyResult callbackResult;
    private Boundary outcome;
    private string? hangReason;

    /// <summary>Creates a machine for <paramref name="scenario"/>.</summary>
    public Machine(Scenario scenario)
    {
        this.scenario = scenario;
        values = new int[scenario.Variables.Count];
        lockOwner = new int[scenario.Locks.Count];
        cpus = new CpuState[scenario.Cpus];
        eventCounts = new int[scenario.Events.Count];
        registered = new bool[scenario.Callbacks.Count];
        monitor = new InvariantMonitor(scenario, this);
        panicSymbol = scenario.Symbols.Intern("PANIC");
        dieOopsSymbol = scenario.Symbols.Intern("DIE_OOPS");
        x86Symbol = scenario.Symbols.Intern("x86_64");
        chainSymbols = ChainNames.All.Select(scenario.Symbols.Intern).ToArray();
        initSymbol = scenario.Symbols.Intern("init");
        idleSymbol = scenario.Symbols.Intern("idle");
        effective = new int[scenario.Explored.Count];
        setBy = new SourceLocation?[scenario.Variables.Count];
        reasonSymbols = new[] { "UNDEF", "PANIC", "OOPS", "EMERG", "SHUTDOWN" }.Select(scenario.Symbols.Intern).ToArray();
    }

    /// <summary>The scenario this machine runs.</summary>
    public Scenario Scenario => scenario;

    /// <summary>True once the run has reached a boundary or hung.</summary>
    public bool Ended { get; private set; }

    /// <inheritdoc />
    public int Value(int slot) => values[slot];

    /// <inheritdoc />
    public bool IsHeld(int lockIndex) => lockOwner[lockIndex] >= 0;

    /// <summary>
    /// The value of every explored knob and feature once setup has run (setup may force a knob, as
    /// <c>hv_common_init</c> forces <c>crash_kexec_post_notifiers</c>), in <see cref="Scenario.Explored"/> order:
    /// what the last <see cref="Run"/> actually ran with.
    /// </summary>
    public ReadOnlySpan<int> Effective => effective;

    /// <summary>Where the setup step that last assigned slot <paramref name="slot"/> in the last <see cref="Run"/> is written; null when setup did not.</summary>
    public SourceLocation? SetBy(int slot) => setBy[slot];

    /// <summary>How many times event <paramref name="eventIndex"/> has happened in this run.</summary>
    public int Count(int eventIndex) => eventCounts[eventIndex];

    /// <summary>
    /// Runs one configuration: <paramref name="choices"/> holds one value index per explored variable, then
    /// the fault index and the entry-point index. When <paramref name="steps"/> is given, every step is
    /// appended to it.
    /// </summary>
    public RunResult Run(ReadOnlySpan<int> choices, List<TraceStep>? steps = null)
    {
        trace = steps;
        Reset();
        var explored = scenario.Explored;
        for (var i = 0; i < explored.Count; i++)
        {
            values[explored[i].Slot] = explored[i].Values[choices[i]];
        }

        fault = scenario.Faults[choices[explored.Count]];
        var entry = scenario.Entries[choices[explored.Count + 1]];
        ResetRace(scenario.Racing ? scenario.Races[choices[explored.Count + 2]] : Scenarios.Races.Race.None);
        values[KernelSlots.Entry] = scenario.Variables[KernelSlots.Entry].Values[(int)entry];

        DecideInvariants(start: true);
        context = "setup";
        inSetup = true;
        var setupFlow = ScenarioAction.ExecuteAll(scenario.Setup, this);
        inSetup = false;
        for (var i = 0; i < explored.Count; i++)
        {
            var v = explored[i];
            effective[i] = values[v.Slot];
            if (trace is not null && effective[i] != v.Values[choices[i]])
            {
                var where = setBy[v.Slot] is { } at ? $" by the setup step at {Line(at)}" : " by setup";
                Record(0, "setup", string.Empty, $"{v.Name} runs as {scenario.Symbols.Format(effective[i], v.Kind)}: changed{where}",
                    $"{v.Name}: {scenario.Symbols.Format(v.Values[choices[i]], v.Kind)} → {scenario.Symbols.Format(effective[i], v.Kind)}");
            }
        }

        if (setupFlow == Flow.Ended)
        {
            DecideInvariants(start: false);
            return Finish();
        }

        context = "boot";
        Register();
        if (AfterBoot() == Flow.Ended)
        {
            DecideInvariants(start: false);
            return Finish();
        }

        // Boot, setup and after-boot ran on CPU 0; the fatal path starts on the configuration's CPU.
        SwitchCpu(EntryCpu);
        InjectStartFaults();
        monitor.Decide();
        context = string.Empty;
        callback = string.Empty;
        StartClock();
        Enter(entry);
        if (!Ended)
        {
            Hang(ReturnedWithoutBoundary());
        }

        return Finish();
    }

    /// <summary>
    /// Decides which invariants apply (the monitor's <paramref name="start"/> of a run, or a decision again) with their
    /// <c>when:</c> read on the configuration's panicking CPU, as every decision is, although boot, setup and
    /// after-boot run on CPU 0: a <c>when:</c> reading <c>this_cpu</c> or its per-CPU state reads the same CPU however
    /// early the run ends.
    /// </summary>
    private void DecideInvariants(bool start)
    {
        var running = cpu;
        SwitchCpu(EntryCpu);
        if (start)
        {
            monitor.Start();
        }
        else
        {
            monitor.Decide();
        }

        SwitchCpu(running);
    }

    /// <summary>The running CPU enters the fatal path by <paramref name="entry"/>.</summary>
    private void Enter(EntryPoint entry)
    {
        switch (entry)
        {
            case EntryPoint.Panic:
                Panic("Kernel panic");
                break;
            case EntryPoint.Oops:
                Oops();
                break;
            case EntryPoint.Warn:
                Warn();
                break;
            default:
                NmiPanic("NMI: Not continuing");
                break;
        }
    }

    private RunResult Finish()
    {
        if (trace is not null && race.Step >= 0 && !raceRan)
        {
            Record(cpu, "race", string.Empty, raceFired
                ? $"race: {race.Text}: no other CPU runs at that point; the run is the one without a race"
                : $"race: {race.Text}: the path never comes to that point; the run is the one without a race", string.Empty);
        }

        var violated = monitor.Finish(outcome, hangReason);
        trace = null;
        return new RunResult(outcome, violated, hangReason);
    }

    private void Reset()
    {
        foreach (var variable in scenario.Variables)
        {
            values[variable.Slot] = variable.Values.Length > 0 ? variable.Values[0] : 0;
        }

        Array.Fill(lockOwner, -1);
        Array.Fill(cpus, CpuState.Running);
        Array.Clear(eventCounts);
        Array.Clear(setBy);
        ResetClock();
        briefHolder = false;
        crashCpusStopped = false;
        faultFired = false;
        ResetCpus();
        panicDepth = 0;
        helperDepth = 0;
        functionDepth = 0;
        Ended = false;
        outcome = Boundary.Hang;
        hangReason = null;
    }

    private void Register()
    {
        RegisterCallbacks();
        if (scenario.Profile.KmsgDumpersSlot >= 0)
        {
            values[scenario.Profile.KmsgDumpersSlot] = chains[ChainKind.KmsgDump].Count;
        }
    }

    private void RegisterCallbacks()
    {
        ulong key = 0;
        var hasHook = values[KernelSlots.Arch] == x86Symbol;
        foreach (var cb in scenario.Callbacks)
        {
            var on = cb.RegisterIf is null || cb.RegisterIf.IsTrue(this);
            var why = on ? 0 : 1;
            if (on && cb.Arch >= 0 && values[KernelSlots.Arch] != cb.Arch)
            {
                on = false;
                why = 2;
            }

            if (on && cb.Chain == ChainKind.CrashShutdown && !hasHook)
            {
                on = false;
                why = 3;
            }

            registered[cb.Index] = on;
            if (on && cb.Index < 64)
            {
                key |= 1UL << cb.Index;
            }

            if (trace is not null)
            {
                trace.Add(new TraceStep(0, "boot", cb.Name,
                    on ? $"register on {ChainNames.Name(cb.Chain)} (priority {FormatPriority(cb.Priority)})" : $"not registered: {WhyNot(why, cb)}",
                    string.Empty));
            }
        }

        if (scenario.Callbacks.Count > 64)
        {
            chains = new ChainSet(scenario, registered);
        }
        else if (!chainCache.TryGetValue(key, out chains!))
        {
            chains = new ChainSet(scenario, registered);
            if (chainCache.Count == MaxCachedChainSets)
            {
                // The explorer varies the last dimensions fastest: the registrations of the next runs are those of the last ones.
                chainCache.Clear();
            }

            chainCache.Add(key, chains);
        }
    }

    private string WhyNot(int why, Callback cb) => why switch
    {
        1 => "register-if is false",
        2 => $"only on {scenario.Symbols.Format(cb.Arch, ValueKind.Symbol)}",
        _ => $"{scenario.Symbols.Format(values[KernelSlots.Arch], ValueKind.Symbol)} has no crash-shutdown hook for drivers",
    };

    /// <summary>Formats a priority as the kernel writes it near the extremes.</summary>
    public static string FormatPriority(int priority) => priority switch
    {
        int.MinValue => "INT_MIN",
        int.MaxValue => "INT_MAX",
        < int.MinValue / 2 => $"INT_MIN + {(long)priority - int.MinValue}",
        > int.MaxValue / 2 => $"INT_MAX - {int.MaxValue - (long)priority}",
        _ => priority.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private void InjectStartFaults()
    {
        if ((fault.Kind is FaultKind.StoppedCpuHolds or FaultKind.CpuInCriticalSection) && cpus.Length > 1)
        {
            var other = OtherCpu;
            lockOwner[fault.Target] = other;
            briefHolder = fault.Kind == FaultKind.CpuInCriticalSection;
            if (trace is not null)
            {
                Record(other, "fault", string.Empty,
                    briefHolder ? $"cpu{other} is inside a short {scenario.Locks[fault.Target]} critical section, interrupts off" : $"cpu{other} is stuck inside a {scenario.Locks[fault.Target]} critical section",
                    $"{scenario.Locks[fault.Target]}: free → cpu{other}");
            }
        }
    }

    /// <summary>True when the run records its steps.</summary>
    public bool Tracing => trace is not null;

    /// <summary>Records a step of the running CPU in the current chain and callback; formats nothing when not tracing.</summary>
    public void Step([InterpolatedStringHandlerArgument("")] TraceText action, [InterpolatedStringHandlerArgument("")] TraceText change)
    {
        if (trace is not null)
        {
            trace.Add(new TraceStep(cpu, context, callback, action.Build(), change.Build()) { Time = Stamp });
        }
    }

    private void Record(int onCpu, string chain, string cb, string action, string change) =>
        trace?.Add(new TraceStep(onCpu, chain, cb, action, change) { Time = Stamp });

    private bool inSetup;

    /// <summary>
    /// Assigns <paramref name="target"/> and traces the change; in setup, remembers which step set it. A knob
    /// written once the system runs (after boot, or by a callback) names the line of the step in the trace.
    /// </summary>
    public void Assign(Variable target, int value, SourceLocation? at = null)
    {
        var old = values[target.Slot];
        values[target.Slot] = value;
        if (inSetup)
        {
            setBy[target.Slot] = at;
        }

        if (trace is not null)
        {
            var line = !inSetup && at is { } where && (target.Role == VariableRole.Knob || context == AfterBootContext) ? $" ({Line(where)})" : string.Empty;
            Step($"set {target.Name}{line}", $"{target.Name}: {scenario.Symbols.Format(old, target.Kind)} → {scenario.Symbols.Format(value, target.Kind)}");
        }
    }

    /// <summary>A step's place for the trace: <c>line N</c> in the top file, <c>line N of FILE</c> in a file it includes.</summary>
    private string Line(SourceLocation at) => at.File == scenario.File ? $"line {at.Line}" : $"line {at.Line} of {at.File}";

    /// <summary>The host receives a report of <paramref name="kind"/>.</summary>
    public void ReportToHost(string kind)
    {
        values[KernelSlots.HostReports]++;
        reportKind = kind;
        Emit(KernelEvents.HostReport, $"host receives {kind} (reports: {values[KernelSlots.HostReports]})");
    }

    /// <summary>Records that event <paramref name="eventIndex"/> happened and checks the invariants watching it.</summary>
    public void Emit(int eventIndex, [InterpolatedStringHandlerArgument("")] TraceText change)
    {
        eventCounts[eventIndex]++;
        if (trace is not null && (eventIndex >= KernelEvents.Names.Length || eventIndex == KernelEvents.HostReport))
        {
            Step($"emit {scenario.Events[eventIndex]}", change.Build());
        }

        monitor.OnEvent(eventIndex);
        if (scenario.HostReactions.Count > 0)
        {
            HostReacts(eventIndex);
        }
    }

    /// <summary>Ends the run without reaching a boundary.</summary>
    public void Hang(string reason)
    {
        if (Ended)
        {
            return;
        }

        if (RacerOut(Boundary.Hang, reason))
        {
            return;
        }

        Step($"hangs: {reason}", string.Empty);
        hangReason = $"cpu{cpu} {(callback.Length > 0 ? callback + " " : string.Empty)}{reason}";
        outcome = Boundary.Hang;
        Ended = true;
    }

    private void Reach(Boundary boundary, int eventIndex)
    {
        if (Ended || RacerOut(boundary, null))
        {
            return;
        }

        Emit(eventIndex, string.Empty);
        monitor.OnBoundary(boundary);
        outcome = boundary;
        Ended = true;
    }

    /// <summary>Sets the result the running callback answers.</summary>
    public void SetResult(NotifyResult result) => callbackResult = result;

    internal bool EnterHelper()
    {
        if (++helperDepth > MaxHelperDepth)
        {
            Hang("helpers call each other without end");
            return false;
        }

        return true;
    }

    internal void LeaveHelper() => helperDepth--;

    /// <summary>Runs callback <paramref name="index"/> for one step of a walk; the handler every registration calls.</summary>
    public NotifyResult RunCallback(int index, in KernelEvent e)
    {
        var cb = scenario.Callbacks[index];
        var savedContext = context;
        var savedCallback = callback;
        var savedResult = callbackResult;
        var savedDepth = helperDepth;
        context = ChainNames.Name(e.Chain);
        callback = cb.Name;
        values[KernelSlots.Event] = e.Event;
        values[KernelSlots.Chain] = chainSymbols[(int)e.Chain];
        values[KernelSlots.Reason] = reasonSymbols[(int)e.Reason];
        callbackResult = NotifyResult.Done;
        try
        {
            if (e.Chain == ChainKind.KmsgDump && e.Reason > cb.MaxReason)
            {
                Step($"skipped: reason {e.Reason.ToString().ToUpperInvariant()} is above max_reason {cb.MaxReason.ToString().ToUpperInvariant()}", string.Empty);
                return NotifyResult.Done;
            }

            Step($"called (priority {FormatPriority(cb.Priority)})", string.Empty);
            if (cb.RunIf is not null && !cb.RunIf.IsTrue(this))
            {
                Step($"if {cb.RunIfText}: false, returns", string.Empty);
                return NotifyResult.Done;
            }

            if (ScenarioAction.ExecuteAll(cb.Actions, this) == Flow.Ended)
            {
                return NotifyResult.Stop;
            }

            if (fault.Kind == FaultKind.PanicIn && fault.Target == index && !faultFired)
            {
                faultFired = true;
                Step("fault: panics inside the callback", string.Empty);
                Panic("nested panic in " + cb.Name);
                if (Ended)
                {
                    return NotifyResult.Stop;
                }
            }

            Step($"returns {callbackResult.ToString().ToUpperInvariant()}", string.Empty);
            return callbackResult;
        }
        finally
        {
            context = savedContext;
            callback = savedCallback;
            callbackResult = savedResult;
            helperDepth = savedDepth;
        }
    }

    /// <summary>A callback calls <c>panic()</c> on the running CPU.</summary>
    public void NestedPanic(string message) => Panic(message);

    /// <summary>Walks chain <paramref name="kind"/>; answers true when a callback ended the walk with exactly <c>NOTIFY_STOP</c>.</summary>
    private bool CallChain(ChainKind kind, int eventSymbol, KmsgReason reason = KmsgReason.Panic)
    {
        if (Ended)
        {
            return false;
        }

        var chain = chains[kind];
        var savedContext = context;
        var savedCallback = callback;
        context = ChainNames.Name(kind);
        callback = string.Empty;
        Step($"walk {ChainNames.Name(kind)} ({chain.Count} registered)", string.Empty);
        var invoker = new TracingInvoker(this);
        var summary = chain.Call(new KernelEvent(this, kind, eventSymbol, reason), ref invoker);
        context = savedContext;
        callback = savedCallback;
        return summary.Result == NotifyResult.Stop;
    }

    /// <summary>The CPU that owns the panic (<c>panic_cpu</c>), -1 when none: the builtin, which a profile's steps may write.</summary>
    private int PanicCpuOwner => values[KernelSlots.PanicCpu];
}
