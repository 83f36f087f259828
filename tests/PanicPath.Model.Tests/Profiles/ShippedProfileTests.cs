using System.Text.RegularExpressions;
using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel.Profiles;
using PanicPath.Model.Scenarios;
using PanicPath.Model.Tests.Scenarios;

namespace PanicPath.Model.Tests.Profiles;

/// <summary>
/// The shipped profiles: each is text a reviewer can copy, and the copy named by path explores every example to
/// exactly what the shipped name does (the same runs, violations and traces).
/// </summary>
public sealed partial class ShippedProfileTests
{
    [Theory]
    [InlineData("mainline-6.1")]
    [InlineData("mainline-6.12")]
    [InlineData("mainline-5.18")]
    [InlineData("series-v1")]
    public void Every_shipped_profile_compiles_and_labels_and_cites_every_step_of_panic(string name)
    {
        var profile = Model.Compile($"kernel: {name}\n").Profile;

        Assert.Equal(name, profile.Name);
        var panic = profile.Functions.Single(f => f.Name == "panic");
        Assert.NotEmpty(panic.Steps);
        Assert.All(profile.Functions.SelectMany(f => f.Steps), s => Assert.False(string.IsNullOrWhiteSpace(s.Cites)));
        Assert.Contains(panic.Steps, s => s.Label == "claim-panic-cpu");
        Assert.NotEmpty(profile.Version);
    }

    [Theory]
    [InlineData("merged")]
    [InlineData("v0-before")]
    [InlineData("v1-patch16")]
    [InlineData("v1-patch16-patch21")]
    public void A_copy_of_the_shipped_profile_explores_each_example_exactly_as_its_name(string example)
    {
        var path = Path.Combine(Model.Examples, example + ".yaml");
        var text = File.ReadAllText(path);
        var named = KernelLine().Match(text).Groups[1].Value;
        using var folder = new ScenarioFolder();
        var copy = folder.Write("copy.yaml", ShippedProfiles.Text(named));
        var byPath = ScenarioParser.Parse(KernelLine().Replace(text, $"kernel: {copy}"), path);
        var byName = ScenarioParser.ParseFile(path);
        Assert.Equal(copy, byPath.Profile.File);

        Assert.Equal(ScenarioExplorer.Explore(byName).Runs, ScenarioExplorer.Explore(byPath).Runs);
        Assert.Equal(Violations(byName), Violations(byPath));
    }

    [Fact]
    public void Mainline_6_12_which_kernel_mainline_means_explores_the_merged_example_exactly_as_mainline_6_1()
    {
        var path = Path.Combine(Model.Examples, "merged.yaml");
        var text = File.ReadAllText(path);
        var on612 = ScenarioParser.Parse(KernelLine().Replace(text, "kernel: mainline-6.12"), path);
        var on61 = ScenarioParser.ParseFile(path);

        Assert.Equal("mainline-6.12", on612.Profile.Name);
        Assert.Equal("mainline-6.12", Model.Compile("kernel: mainline\n").Profile.Name);
        Assert.Equal(Violations(on61), Violations(on612));
    }

    private static List<string> Violations(Scenario scenario) =>
        Model.Violations(scenario).Select(v => $"{v.Invariant} @ {string.Join(",", v.Configuration.Values.Select(p => $"{p.Key}={p.Value}"))}\n"
            + string.Join("\n", v.Trace.Select(s => $"{s.Cpu} {s.Chain} {s.Callback} {s.Action} | {s.Change}"))).ToList();

    [GeneratedRegex(@"(?m)^kernel: (\S+)$")]
    private static partial Regex KernelLine();
}
