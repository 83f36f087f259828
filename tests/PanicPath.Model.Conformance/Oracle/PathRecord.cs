namespace PanicPath.Model.Conformance.Oracle;

/// <summary>
/// What happened on the fatal path, in the oracle's vocabulary, whether observed in a guest, expected from
/// the kernel's sources or predicted by the model:
/// <list type="bullet">
/// <item><see cref="Order"/>: the events in order — <c>die:NAME</c>, <c>panic-entry</c>, <c>panic:NAME</c>,
/// <c>dump:NAME:REASON</c>, <c>crash_shutdown</c>, and the seed's <c>report</c>, <c>unload</c>, <c>flush</c>.</item>
/// <item><see cref="End"/>: <c>kdump</c> (the crash kernel booted), <c>restart</c>, <c>end-of-panic</c>,
/// <c>end-of-oops</c> or <c>hang</c>.</item>
/// <item><see cref="Pvpanic"/>: what pvpanic's panic notifier told QEMU: <c>panicked</c> (QMP <c>GUEST_PANICKED</c>),
/// <c>crash-loaded</c> (<c>GUEST_CRASHLOADED</c>: a crash kernel is loaded) or <c>-</c> (it did not run).</item>
/// <item><see cref="Pstore"/>: the reasons ramoops recorded, in order (read back after a restart).</item>
/// </list>
/// </summary>
public sealed record PathRecord(IReadOnlyList<string> Order, string End, string Pvpanic, IReadOnlyList<string> Pstore)
{
    /// <summary>The ends.</summary>
    public const string Kdump = "kdump", Restart = "restart", EndOfPanic = "end-of-panic", EndOfOops = "end-of-oops", Hang = "hang";

    /// <summary>What pvpanic can report.</summary>
    public const string Panicked = "panicked", CrashLoaded = "crash-loaded", NotRun = "-";

    /// <summary>The order and the end, as the table writes them.</summary>
    public string OrderText => string.Join(" ", Order.Append("⇒ " + End));

    /// <summary>The facts seen from outside besides the serial console.</summary>
    public string FactsText => $"pvpanic={Pvpanic} pstore={(Pstore.Count == 0 ? "-" : string.Join(",", Pstore))}";

    /// <summary>
    /// True when <paramref name="other"/> tells the same story: same order, same end, same pvpanic event,
    /// and — where the pstore can be read back, after a restart — the same ramoops records.
    /// </summary>
    public bool SameAs(PathRecord other) =>
        Order.SequenceEqual(other.Order) && End == other.End && Pvpanic == other.Pvpanic &&
        (End != Restart || Pstore.SequenceEqual(other.Pstore));

    /// <summary>What can be seen from outside: the pstore only after a restart (it is read back on the next boot).</summary>
    public PathRecord Observable() => End == Restart ? this : this with { Pstore = [] };

    /// <inheritdoc />
    public override string ToString() => OrderText + " | " + FactsText;
}
