namespace PanicPath.Model.Explorer;

/// <summary>
/// One condition of an invariant's summary: a conjunction of literals over the <see cref="EffectiveSpace"/>'s
/// dimensions written as text (<c>arch == arm64 &amp;&amp; kexec_crash_loaded == true</c>; <c>always</c> for no literal),
/// how many violating configurations it describes, and the first of them (by index): the representative to trace.
/// </summary>
public sealed record SummaryCondition(string Text, long Count, long Representative);
