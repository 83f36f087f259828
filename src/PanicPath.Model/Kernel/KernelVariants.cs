namespace PanicPath.Model.Kernel;

/// <summary>
/// The names a scenario's <c>kernel:</c> takes for each <see cref="KernelVariant"/>, and the aliases:
/// <c>mainline</c> is the newest mainline variant, <c>series</c> is <c>series-v1</c>.
/// </summary>
public static class KernelVariants
{
    /// <summary>The newest mainline variant, what <c>kernel: mainline</c> (and no <c>kernel:</c>) means.</summary>
    public const KernelVariant NewestMainline = KernelVariant.Mainline61;

    /// <summary>Every name <c>kernel:</c> accepts, in the order error messages list them.</summary>
    public static readonly string[] All = ["mainline-6.1", "mainline-5.18", "series-v1", "mainline", "series"];

    /// <summary>The canonical name of <paramref name="variant"/>.</summary>
    public static string Name(KernelVariant variant) => variant switch
    {
        KernelVariant.Mainline61 => "mainline-6.1",
        KernelVariant.Mainline518 => "mainline-5.18",
        _ => "series-v1",
    };

    /// <summary>Parses a <c>kernel:</c> value; <paramref name="alias"/> is true for <c>mainline</c> and <c>series</c>.</summary>
    public static bool TryParse(string? text, out KernelVariant variant, out bool alias)
    {
        alias = text is "mainline" or "series";
        (var ok, variant) = text switch
        {
            "mainline-6.1" or "mainline" => (true, KernelVariant.Mainline61),
            "mainline-5.18" => (true, KernelVariant.Mainline518),
            "series-v1" or "series" => (true, KernelVariant.SeriesV1),
            _ => (false, NewestMainline),
        };
        return ok;
    }

    /// <summary>True for the series' four-list <c>panic()</c>.</summary>
    public static bool IsSeries(this KernelVariant variant) => variant == KernelVariant.SeriesV1;
}
