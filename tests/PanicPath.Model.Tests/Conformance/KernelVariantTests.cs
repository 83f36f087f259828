using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel;

namespace PanicPath.Model.Tests.Conformance;

/// <summary>Kernel versions are named variants a scenario selects with <c>kernel:</c>.</summary>
public sealed class KernelVariantTests
{
    [Theory]
    [InlineData("mainline-6.1", "mainline-6.1")]
    [InlineData("mainline-5.18", "mainline-5.18")]
    [InlineData("series-v1", "series-v1")]
    [InlineData("series", "series-v1")]
    [InlineData("mainline", "mainline-6.12")]
    public void A_scenario_selects_its_kernel_by_name(string name, string profile) =>
        Assert.Equal(profile, Model.Compile($"kernel: {name}\n").Profile.Name);

    [Fact]
    public void Kernel_mainline_means_the_newest_variant_and_says_so()
    {
        Assert.Equal("kernel: mainline is mainline-6.12, the newest mainline variant", Model.Compile("kernel: mainline\n").KernelNote);
        Assert.Null(Model.Compile("kernel: mainline-6.1\n").KernelNote);
        Assert.Contains("mainline-6.12", Model.Compile("cpus: 2\n").KernelNote, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_kernel_is_refused_with_the_names_it_could_be()
    {
        var error = Model.Error("kernel: mainline-4.19\n");
        Assert.Equal("test.yaml:1:9: expected a kernel profile: mainline-6.12, mainline-6.1, mainline-5.18, series-v1, mainline, series, or a profile file's path (with a '/' or ending in .yaml), not 'mainline-4.19'", error.Message);
    }

    [Fact]
    public void The_json_report_names_the_kernel_variant()
    {
        var report = ScenarioExplorer.Explore(Model.Compile("kernel: mainline-5.18\n"));
        using var text = new StringWriter();
        using (var writer = new JsonTextWriter(text))
        {
            ReportJson.WriteSummary(writer, "panicpath.explore/2", report, ExplorationSummary.Summarize(report, 8));
        }

        var json = text.ToString();
        Assert.Contains("\"kernel\": \"mainline-5.18\"", json, StringComparison.Ordinal);
    }
}
