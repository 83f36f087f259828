using PanicPath.Model.Scenarios.Expressions;

namespace PanicPath.Model.Scenarios;

/// <summary>
/// Resolves the names a kernel profile's expressions use: its locals first (they may shadow a scenario's feature of
/// the same name, which the profile cannot see), the profile builtin <c>kmsg_dumpers</c> (how many kmsg dumpers
/// registered at boot), then the scenario's knobs, builtins, features, state and symbols. A local is a hidden
/// variable of the scenario named <c>PROFILE.NAME</c>, which no scenario expression can spell.
/// </summary>
internal sealed class ProfileNames(ScenarioNames scenarioNames, string profile) : INameResolver
{
    private const string KmsgDumpers = "kmsg_dumpers";

    private readonly Dictionary<string, Variable> locals = new(StringComparer.Ordinal);
    private Variable? kmsgDumpers;
    private Func<Variable>? makeKmsgDumpers;

    /// <summary>The slot of <c>kmsg_dumpers</c> when an expression read it; otherwise -1.</summary>
    public int KmsgDumpersSlot => kmsgDumpers?.Slot ?? -1;

    public string Known => "a local of the profile, kmsg_dumpers, a knob, builtin or declared value";

    /// <summary>Declares local <paramref name="name"/>; false when it is declared already.</summary>
    public bool Declare(string name, Variable variable) => locals.TryAdd(name, variable);

    /// <summary>The local <paramref name="name"/>, or null.</summary>
    public Variable? Local(string name) => locals.GetValueOrDefault(name);

    /// <summary>How to make the hidden variable behind <c>kmsg_dumpers</c>, the first time an expression reads it.</summary>
    public void OnKmsgDumpers(Func<Variable> make) => makeKmsgDumpers = make;

    public Expr? Resolve(string name)
    {
        if (locals.TryGetValue(name, out var local))
        {
            return new Expr.Read(local.Slot, local.Kind);
        }

        if (name == KmsgDumpers && makeKmsgDumpers is not null)
        {
            kmsgDumpers ??= makeKmsgDumpers();
            return new Expr.Read(kmsgDumpers.Slot, ValueKind.Int);
        }

        return scenarioNames.Resolve(name);
    }

    public int LockIndex(string name) => scenarioNames.LockIndex(name);

    public int Cpus => scenarioNames.Cpus;

    public void ReadsCpuMask() => scenarioNames.ReadsCpuMask();

    /// <summary>The profile's name, which prefixes its hidden variables.</summary>
    public string Profile { get; } = profile;
}
