using PanicPath.Model.Kernel;
using PanicPath.Model.Kernel.Profiles;
using PanicPath.Model.Scenarios.Actions;
using PanicPath.Model.Scenarios.Expressions;
using PanicPath.Model.Scenarios.Races;

namespace PanicPath.Model.Scenarios;

/// <summary>
/// A compiled scenario: every name resolved to a slot, a lock, an event or a callback; every condition
/// compiled. Immutable once built; one instance serves any number of runs.
/// </summary>
public sealed class Scenario
{
    internal Scenario(string name, string file) 
    {
        Name = name;
        File = file;
    }

    public string Name { get; }

    public string File { get; }

    /// <summary>
    /// True when the kernel profile's <c>panic()</c> walks the series' four notifier lists (<c>hypervisor</c>,
    /// <c>info</c>, <c>pre_reboot</c>, <c>post_reboot</c>) instead of the one panic list: callbacks register on those.
    /// </summary>
    public bool SplitPanicLists { get; internal set; }

    /// <summary>True when the kernel profile reads the series' <c>panic_notifiers_level</c>: a scenario may explore and write it.</summary>
    public bool HasNotifiersLevel { get; internal set; }

    /// <summary>The kernel profile whose <c>panic()</c> the machine interprets (<c>kernel:</c>).</summary>
    public KernelProfile Profile { get; internal set; } = null!;

    /// <summary>A note for reports when <c>kernel:</c> is an alias or absent, naming the variant it means; otherwise null.</summary>
    public string? KernelNote { get; internal set; }

    public int Cpus { get; internal set; } = 2;

    /// <summary>
    /// The <c>panic-cpu</c> dimension: the CPU the entry point runs on, explored like a feature (named <c>panic-cpu</c>,
    /// last of <see cref="Explored"/>); null when the file does not say, and every run enters on CPU 0.
    /// </summary>
    public Variable? PanicCpu { get; internal set; }

    public SymbolTable Symbols { get; } = new();

    public List<Variable> Variables { get; } = [];

    /// <summary>The knobs and features explored, in the order written.</summary>
    public List<Variable> Explored { get; } = [];

    public List<string> Locks { get; } = [];

    public List<string> Events { get; } = [];

    public List<Expr> Constraints { get; } = [];

    public List<string> ConstraintTexts { get; } = [];

    /// <summary>Where each constraint's text starts, in <see cref="Constraints"/> order.</summary>
    public List<SourceLocation> ConstraintLocations { get; } = [];

    public ScenarioAction[] Setup { get; internal set; } = [];

    /// <summary>
    /// <c>after-boot:</c>: what an administrator changes once the system runs, after the drivers registered and
    /// before the fault and the entry point. Its knob writes are not part of the configuration's identity.
    /// </summary>
    public ScenarioAction[] AfterBoot { get; internal set; } = [];

    public List<Callback> Callbacks { get; } = [];

    /// <summary>
    /// <c>hooks:</c>: what the scenario's subsystems do when the kernel calls one of its direct hooks (a profile's
    /// <c>hook:</c> step: <c>kgdb_panic</c>, <c>debug_locks_off</c>, <c>console_flush_on_panic</c>); a hook the
    /// scenario does not supply does nothing.
    /// </summary>
    public Dictionary<string, ScenarioAction[]> Hooks { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ScenarioAction[]> Helpers { get; } = new(StringComparer.Ordinal);

    public List<Fault> Faults { get; } = [];

    public List<EntryPoint> Entries { get; } = [];

    /// <summary>
    /// The race dimension (<c>race:</c>): <see cref="Race.None"/> first, then every point of the race the scenario asks
    /// for. Only <see cref="Race.None"/> when the scenario has no <c>race:</c>, and then the dimension is not shown.
    /// </summary>
    public List<Race> Races { get; } = [Race.None];

    /// <summary>True when the scenario has a <c>race:</c>: the configuration space has the dimension <c>race</c> after <c>entry</c>.</summary>
    public bool Racing { get; internal set; }

    /// <summary>The kernel profile's labelled steps a race may start at, in the order the profile writes them; empty without <c>race:</c>.</summary>
    public List<RaceStep> RaceSteps { get; } = [];

    public List<Invariant> Invariants { get; } = [];

    /// <summary>
    /// True when the scenario speaks of time: a <c>wait:</c> with <c>for:</c>, a <c>delay:</c>, or an invariant bound
    /// <c>within</c> a duration. Only then do its trace steps carry the model clock (<see cref="Kernel.TraceStep.Time"/>).
    /// </summary>
    public bool UsesTime { get; internal set; }

    /// <summary>
    /// True when the scenario speaks of CPUs' identity: <c>panic-cpu:</c>, a per-CPU state, <c>this_cpu</c>, or a CPU mask
    /// (<c>cpu_online()</c>, <c>num_online_cpus()</c>, …). Only then do its traces say which CPUs a stop takes offline;
    /// the traces of other scenarios read as they did before the masks.
    /// </summary>
    public bool UsesCpus { get; internal set; }

    /// <summary>The host's reactions (<c>host:</c>), in file order.</summary>
    public List<HostReaction> HostReactions { get; } = [];

    /// <summary>
    /// The number of configurations before constraints: knobs × features × faults × entry points × races, or
    /// <see cref="long.MaxValue"/> when the product does not fit.
    /// </summary>
    public long SpaceSize => Explored.Select(v => (long)v.Values.Length).Append(Faults.Count).Append(Entries.Count).Append(Races.Count)
        .Aggregate(1L, (n, k) => k == 0 ? 0 : n > long.MaxValue / k ? long.MaxValue : n * k);
}
