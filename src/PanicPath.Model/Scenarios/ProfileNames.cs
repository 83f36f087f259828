using PanicPath.Model.Scenarios.Expressions;

namespace PanicPath.Model.Scenarios;

/// <summary>
/// Resolves the names a kernel profile's expressions use: its locals first (they may shadow a scenario's feature of
/// the same name, which the profile cannot see), the profile builtins, then the scenario's knobs, builtins, features,
/// state and symbols. The profile builtins are <c>kmsg_dumpers</c> (how many kmsg dumpers registered at boot),
/// <c>notify_stop</c> (the last chain a <c>walk:</c> walked was ended by a callback answering exactly
/// <c>NOTIFY_STOP</c>) and <c>kexec_locked</c> (the kexec lock is taken). A local or a profile builtin is a hidden
/// variable of the scenario named <c>PROFILE.NAME</c>, which no scenario expression can spell; a builtin's is made the
/// first time an expression reads it, so a profile that never reads one costs the machine nothing.
/// </summary>
internal sealed class ProfileNames(ScenarioNames scenarioNames, string profile) : INameResolver
{
    /// <summary>The profile builtins' names.</summary>
    public static readonly string[] Builtins = ["kmsg_dumpers", "notify_stop", "kexec_locked"];

    private const string ThisCpu = "this_cpu";

    private readonly Dictionary<string, Variable> locals = new(StringComparer.Ordinal);
    private readonly Variable?[] builtins = new Variable?[Builtins.Length];
    private Func<string, Variable>? makeBuiltin;

    /// <summary>The slot of <c>kmsg_dumpers</c> when an expression read it; otherwise -1.</summary>
    public int KmsgDumpersSlot => builtins[0]?.Slot ?? -1;

    /// <summary>The slot of <c>notify_stop</c> when an expression read it; otherwise -1.</summary>
    public int NotifyStopSlot => builtins[1]?.Slot ?? -1;

    /// <summary>The slot of <c>kexec_locked</c> when an expression read it; otherwise -1.</summary>
    public int KexecLockedSlot => builtins[2]?.Slot ?? -1;

    public string Known => "a local of the profile, " + string.Join(", ", Builtins) + ", a knob, builtin or declared value";

    /// <summary>The kind of profile builtin <paramref name="name"/>.</summary>
    public static ValueKind KindOf(string name) => name == Builtins[0] ? ValueKind.Int : ValueKind.Bool;

    /// <summary>Declares local <paramref name="name"/>; false when it is declared already.</summary>
    public bool Declare(string name, Variable variable) => locals.TryAdd(name, variable);

    /// <summary>The local <paramref name="name"/>, or null.</summary>
    public Variable? Local(string name) => locals.GetValueOrDefault(name);

    /// <summary>How to make the hidden variable behind a profile builtin, the first time an expression reads it.</summary>
    public void OnBuiltin(Func<string, Variable> make) => makeBuiltin = make;

    public Expr? Resolve(string name)
    {
        if (locals.TryGetValue(name, out var local))
        {
            return new Expr.Read(local.Slot, local.Kind);
        }

        var builtin = Array.IndexOf(Builtins, name);
        if (builtin >= 0 && makeBuiltin is not null)
        {
            var variable = builtins[builtin] ??= makeBuiltin(name);
            return new Expr.Read(variable.Slot, variable.Kind);
        }

        if (name == ThisCpu)
        {
            // Every shipped profile compares panic_cpu with this_cpu (crash_kexec(), nmi_panic()): that alone does not make
            // the scenario one that speaks of CPUs, whose traces name the CPUs a stop takes offline.
            return new Expr.Read(Kernel.KernelSlots.ThisCpu, ValueKind.Int);
        }

        return scenarioNames.Resolve(name);
    }

    public int LockIndex(string name) => scenarioNames.LockIndex(name);

    public int Cpus => scenarioNames.Cpus;

    public void ReadsCpuMask() => scenarioNames.ReadsCpuMask();

    /// <summary>The profile's name, which prefixes its hidden variables.</summary>
    public string Profile { get; } = profile;
}
