using PanicPath.Model.Scenarios;

namespace PanicPath.Benchmarks.Baseline;

/// <summary>
/// Which <see cref="KernelVariant"/> the frozen baseline runs a scenario as: the kernel profile it names, by name
/// (mainline-5.18, series-v1; every other profile as 6.1, whose C# the baseline froze).
/// </summary>
public static class KernelVariants
{
    /// <summary>The variant the baseline runs <paramref name="scenario"/> as.</summary>
    public static KernelVariant Variant(this Scenario scenario) => scenario.Profile.Name switch
    {
        "mainline-5.18" => KernelVariant.Mainline518,
        "series-v1" => KernelVariant.SeriesV1,
        _ => KernelVariant.Mainline61,
    };

    /// <summary>True for the series' four-list <c>panic()</c>.</summary>
    public static bool IsSeries(this KernelVariant variant) => variant == KernelVariant.SeriesV1;
}
