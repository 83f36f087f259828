using System.Globalization;

namespace PanicPath.Model.Conformance.Oracle;

/// <summary>
/// One configuration the oracle boots: the kernel knobs (<c>crash_kexec_post_notifiers</c>,
/// <c>panic_on_oops</c>, <c>panic=</c>), whether a crash kernel is loaded (<c>kexec -p</c>), how the guest
/// enters the fatal path, and what the test module registers (notifiers, kmsg dumpers, a crash-path action,
/// a second CPU inside <c>ppo_lock</c>'s critical section). <see cref="Id"/> names it in the table; <see cref="Label"/> says
/// every value.
/// </summary>
public sealed record OracleConfiguration(
    string Id,
    string Arrangement,
    bool PostNotifiers,
    bool PanicOnOops,
    bool CrashKernel,
    Entry Entry,
    int PanicTimeout,
    IReadOnlyList<NotifierSpec> Notifiers,
    IReadOnlyList<DumperSpec> Dumpers,
    NotifierAction? CrashAction,
    LockHolder Holder)
{
    /// <summary>CPUs the guest needs: a second one only to hold <c>ppo_lock</c>.</summary>
    public int Cpus => Holder == LockHolder.None ? 1 : 2;

    /// <summary>The entry as the table writes it.</summary>
    public string EntryText => Entry switch
    {
        Entry.Panic => "panic",
        Entry.Oops => "oops",
        _ => "oops-irq",
    };

    /// <summary>Every value of the configuration on one line.</summary>
    public string Label =>
        $"{Arrangement} post={Bit(PostNotifiers)} poo={Bit(PanicOnOops)} kdump={Bit(CrashKernel)} entry={EntryText} timeout={PanicTimeout.ToString(CultureInfo.InvariantCulture)}" +
        Holder switch { LockHolder.Stuck => " lock-stuck", LockHolder.InCriticalSection => " lock-in-section", _ => string.Empty };

    /// <summary>The notifiers on <paramref name="chain"/>, in registration order.</summary>
    public IEnumerable<NotifierSpec> On(ChainName chain) => Notifiers.Where(n => n.Chain == chain);

    /// <summary>The test module's parameters (die notifiers are registered before panic notifiers).</summary>
    public IReadOnlyList<string> ModuleArguments
    {
        get
        {
            var args = new List<string>();
            if (On(ChainName.Die).Any())
            {
                args.Add("die_nb=" + string.Join(',', On(ChainName.Die).Select(n => n.ModuleArgument)));
            }

            if (On(ChainName.Panic).Any())
            {
                args.Add("panic_nb=" + string.Join(',', On(ChainName.Panic).Select(n => n.ModuleArgument)));
            }

            if (Dumpers.Count > 0)
            {
                args.Add("dumper=" + string.Join(',', Dumpers.Select(d => d.ModuleArgument)));
            }

            if (CrashAction is { } action)
            {
                args.Add("crash=" + action.ToString().ToLowerInvariant());
            }

            if (Holder != LockHolder.None)
            {
                args.Add("holder=" + (Holder == LockHolder.Stuck ? "1" : "2"));
            }

            args.Add("poo=" + Bit(PanicOnOops));
            return args;
        }
    }

    private static string Bit(bool b) => b ? "1" : "0";
}
