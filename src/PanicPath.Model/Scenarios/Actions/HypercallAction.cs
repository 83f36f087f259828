using PanicPath.Model.Kernel;

namespace PanicPath.Model.Scenarios.Actions;

/// <summary>
/// <c>hypercall: crash</c> or <c>hypercall: reset</c>: the guest asks the hypervisor to end it, and the call never
/// returns by design. <c>crash</c>: the host stops the VM as crashed (Xen <c>SCHEDOP_shutdown</c> with
/// <c>SHUTDOWN_crash</c>, s390's disabled wait); the run ends at <c>host-stop</c>. <c>reset</c>: the host resets the
/// VM; the run ends at <c>host-reset</c>. Either is an intended end, not a hang.
/// </summary>
public sealed class HypercallAction(SourceLocation location, Boundary end) : ScenarioAction(location)
{
    /// <summary>Where the run ends: <see cref="Boundary.HostStop"/> or <see cref="Boundary.HostReset"/>.</summary>
    public Boundary End { get; } = end;

    public override Flow Execute(Machine machine)
    {
        machine.HostEnds(End, End == Boundary.HostStop
            ? "hypercall crash: the host stops the VM as crashed"
            : "hypercall reset: the host resets the VM");
        return Flow.Ended;
    }
}
