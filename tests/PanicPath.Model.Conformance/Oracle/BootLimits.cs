namespace PanicPath.Model.Conformance.Oracle;

/// <summary>
/// How long a guest may take. <see cref="Silence"/> decides "hung": once the fatal path is triggered, a
/// console that stays silent that long (with QEMU still running and no end reached) is a hang. Once the
/// kernel has entered <c>machine_crash_shutdown()</c> the crash kernel is on its way (purgatory and the
/// kernel's decompression print nothing): the limit is <see cref="CrashKernelSilence"/>. After QEMU reported
/// a reset the guest is booting again to read its pstore back: only <see cref="Total"/> applies, which
/// bounds a whole run.
/// </summary>
public sealed record BootLimits(TimeSpan Silence, TimeSpan CrashKernelSilence, TimeSpan Total)
{
    /// <summary>The limits the oracle uses: 15 s of silence, 120 s while the crash kernel boots, 6 minutes in all.</summary>
    public static readonly BootLimits Default = new(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(120), TimeSpan.FromMinutes(6));
}
