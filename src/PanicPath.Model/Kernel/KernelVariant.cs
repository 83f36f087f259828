namespace PanicPath.Model.Kernel;

/// <summary>Which <c>panic()</c> the model runs.</summary>
public enum KernelVariant
{
    /// <summary>Mainline: one panic notifier list, <c>crash_kexec_post_notifiers</c> decides where kdump stands.</summary>
    Mainline,

    /// <summary>The refactor series: four lists and <c>panic_notifiers_level</c> 0–4.</summary>
    Series,
}
