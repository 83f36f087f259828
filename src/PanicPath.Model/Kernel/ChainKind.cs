namespace PanicPath.Model.Kernel;

/// <summary>
/// The call chains of the modelled kernel. <see cref="Panic"/> is mainline's panic notifier list; the
/// series' variant splits it into <see cref="Hypervisor"/>, <see cref="Info"/>, <see cref="PreReboot"/>
/// and <see cref="PostReboot"/>. Kmsg dumpers, per-arch crash-shutdown hooks and restart hooks are kept
/// on chains too, so that every ordering in the model is <c>NotifierChain</c>'s ordering.
/// </summary>
public enum ChainKind
{
    Panic,
    Hypervisor,
    Info,
    PreReboot,
    PostReboot,
    Die,
    KmsgDump,
    CrashShutdown,
    Restart,
}
