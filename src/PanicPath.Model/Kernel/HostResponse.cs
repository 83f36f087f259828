namespace PanicPath.Model.Kernel;

/// <summary>
/// What the host does when a reaction declared under <c>host:</c> fires: end the VM (pause, reset, stop — the run
/// ends at <c>host-pause</c>, <c>host-reset</c>, <c>host-stop</c>) or copy its memory and let it run on (dump, event
/// <c>host-dump</c>). QEMU's <c>-action panic=pause|reset|shutdown</c> on a pvpanic event and libvirt's
/// <c>&lt;on_crash&gt;</c> (<c>preserve</c>, <c>restart</c>, <c>destroy</c>, <c>coredump-*</c>) are the models.
/// </summary>
public enum HostResponse
{
    /// <summary>The VM is paused where it is; nothing in it runs any more (run ends at <c>host-pause</c>).</summary>
    Pause,

    /// <summary>The VM is reset (run ends at <c>host-reset</c>).</summary>
    Reset,

    /// <summary>The VM is stopped (run ends at <c>host-stop</c>).</summary>
    Stop,

    /// <summary>The host copies the VM's memory (event <c>host-dump</c>); the guest goes on.</summary>
    Dump,

    /// <summary>
    /// The host writes the guest's memory (<c>set:</c>, <see cref="HostReaction.Write"/>): a state of the scenario, such as
    /// the message page a hypervisor posts an answer on; the guest goes on.
    /// </summary>
    Write,
}
