namespace PanicPath.Benchmarks.Baseline;

/// <summary>
/// Which kernel's panic path the frozen baseline runs (<see cref="KernelVariants.Variant"/>); the model itself has no
/// variants: what a kernel version does differently is written in its profile. Where versions behave differently the
/// baseline asks the variant, never a knob.
/// </summary>
public enum KernelVariant
{
    /// <summary>
    /// Linux 6.1 as Debian ships it (6.1.x stable): one panic notifier list, <c>crash_kexec_post_notifiers</c>
    /// decides where kdump stands, <c>kexec_trylock()</c>, and the <c>oops_limit</c>/<c>warn_limit</c> escalations.
    /// </summary>
    Mainline61,

    /// <summary>Linux 5.18: as 6.1, with <c>mutex_trylock(&amp;kexec_mutex)</c> and without <c>oops_limit</c>/<c>warn_limit</c>.</summary>
    Mainline518,

    /// <summary>The v1 panic-notifier refactor series (on 5.18): four lists and <c>panic_notifiers_level</c> 0–4.</summary>
    SeriesV1,
}
