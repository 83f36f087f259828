namespace PanicPath.Model.Scenarios;

/// <summary>What a variable of a scenario stands for.</summary>
public enum VariableRole
{
    /// <summary>Set by the kernel as it calls a callback (<c>event</c>, <c>chain</c>, <c>reason</c>, <c>host_reports</c>).</summary>
    Builtin,

    /// <summary>A kernel knob explored by the explorer (<c>arch</c>, <c>kexec_crash_loaded</c>, …).</summary>
    Knob,

    /// <summary>A property of the machine or the drivers explored by the explorer.</summary>
    Feature,

    /// <summary>Modelled state: starts at its initial value, changed by actions.</summary>
    State,
}
