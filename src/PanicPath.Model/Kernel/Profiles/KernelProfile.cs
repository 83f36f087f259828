using PanicPath.Model.Scenarios;
using PanicPath.Model.Scenarios.Actions;

namespace PanicPath.Model.Kernel.Profiles;

/// <summary>
/// A kernel profile compiled for one scenario: the kernel's panic path as functions of steps (docs/kernel-profiles.md),
/// every condition resolved against the scenario's names, every step an action the machine interprets.
/// Immutable once built.
/// </summary>
public sealed class KernelProfile(string name, string file, string version)
{
    /// <summary>The profile's name (<c>profile:</c>), what reports print as the kernel.</summary>
    public string Name { get; } = name;

    /// <summary>Where the profile was read: a shipped profile's resource name, or the path of a profile file.</summary>
    public string File { get; } = file;

    /// <summary>The kernel version it models (<c>sources: version</c>).</summary>
    public string Version { get; } = version;

    /// <summary>The functions, in the order written.</summary>
    public List<ProfileFunction> Functions { get; } = [];

    /// <summary>The body of <c>panic()</c>, which the machine enters for every panic.</summary>
    public ScenarioAction[] Panic { get; internal set; } = [];

    /// <summary>The body of <c>die()</c>, which the machine enters for an oops.</summary>
    public ScenarioAction[] Die { get; internal set; } = [];

    /// <summary>The body of <c>__warn()</c>, which the machine enters for a warning.</summary>
    public ScenarioAction[] Warn { get; internal set; } = [];

    /// <summary>The body of <c>nmi_panic()</c>, which the machine enters for an NMI handler's panic.</summary>
    public ScenarioAction[] NmiPanic { get; internal set; } = [];

    /// <summary>The slots of the profile's locals (<c>locals:</c>), which a racing CPU's own <c>panic()</c> keeps apart from the first CPU's.</summary>
    public List<int> LocalSlots { get; } = [];

    /// <summary>The slot of the profile builtin <c>kmsg_dumpers</c>, set at boot; -1 when no step reads it.</summary>
    public int KmsgDumpersSlot { get; internal set; } = -1;

    /// <summary>The slot of the profile builtin <c>notify_stop</c>, written by every <c>walk:</c>; -1 when no step reads it.</summary>
    public int NotifyStopSlot { get; internal set; } = -1;

    /// <summary>The slot of the profile builtin <c>kexec_locked</c>, written by <c>kexec-lock:</c>; -1 when no step reads it.</summary>
    public int KexecLockedSlot { get; internal set; } = -1;
}
