namespace PanicPath.Lists;

/// <summary>
/// Where the crash-dump step stands among the lists. The dump step runs only when crash capture is
/// armed; it runs the platform's crash-shutdown hooks, then the in-process dump writer if one is
/// configured. The process survives its own dump, so the path goes on after it.
/// </summary>
public enum DumpPolicy
{
    /// <summary>Dump before every list: the kernel's default (crash kexec before the notifiers).</summary>
    BeforeLists,

    /// <summary>
    /// Dump after <see cref="PanicList.Supervisor"/>, <see cref="PanicList.Information"/> and the log
    /// dump, before the teardown lists.
    /// </summary>
    AfterInformation,

    /// <summary>Dump after every list: the kernel's <c>crash_kexec_post_notifiers</c>.</summary>
    AfterLists,
}
