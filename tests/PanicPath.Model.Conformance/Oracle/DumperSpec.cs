namespace PanicPath.Model.Conformance.Oracle;

/// <summary>
/// A kmsg dumper: its name and the highest reason it runs for (<c>PANIC</c>, <c>OOPS</c>, <c>EMERG</c>,
/// <c>SHUTDOWN</c>), as <c>kmsg_dump()</c> compares it (kernel/printk/printk.c).
/// </summary>
public sealed record DumperSpec(string Name, string MaxReason)
{
    /// <summary>Debian's ramoops, loaded before the test module with its default max_reason (OOPS).</summary>
    public static readonly DumperSpec Ramoops = new("ramoops", "OOPS");

    /// <summary>The reasons in the kernel's order (enum kmsg_dump_reason).</summary>
    public static readonly string[] Reasons = ["UNDEF", "PANIC", "OOPS", "EMERG", "SHUTDOWN"];

    /// <summary>True when the dumper runs for <paramref name="reason"/>.</summary>
    public bool RunsFor(string reason) => Array.IndexOf(Reasons, reason) <= Array.IndexOf(Reasons, MaxReason);

    /// <summary>The module parameter element: <c>NAME/MAXREASON</c>.</summary>
    public string ModuleArgument => $"{Name}/{MaxReason}";
}
