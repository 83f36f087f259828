using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel.Profiles;
using PanicPath.Model.Tests.Scenarios;

namespace PanicPath.Model.Tests.Time;

/// <summary>The profiles' <c>delay-seconds</c> step: the panic timeout's wait lives in the profile, so an edited copy changes it.</summary>
public sealed class ProfileDelayTests
{
    private const string Scenario = """
        kernel: k.yaml
        knobs:
          panic_timeout: [10]
        invariants:
          - name: restarts-within-5s
            by: restart within 5s
        """;

    [Fact]
    public void A_profile_without_the_panic_timeout_wait_restarts_at_once_and_the_time_bound_sees_it()
    {
        var shipped = ShippedProfiles.Text("mainline-6.1");
        using var folder = new ScenarioFolder();
        folder.Write("top.yaml", Scenario);

        folder.Write("k.yaml", shipped);
        var waiting = ScenarioExplorer.Trace(folder.Parse("top.yaml"), string.Empty);
        Assert.True(waiting.Result.Violates(0));
        Assert.Contains(waiting.Trace, s => s.Action == "invariant restarts-within-5s violated: restart reached at t=10s, past its bound of 5s");

        folder.Write("k.yaml", shipped.Replace("          - delay-seconds: panic_timeout\n", string.Empty, StringComparison.Ordinal));
        var atOnce = ScenarioExplorer.Trace(folder.Parse("top.yaml"), string.Empty);
        Assert.False(atOnce.Result.Violates(0));
        Assert.All(atOnce.Trace, s => Assert.Equal(0, s.Time));
    }

    [Fact]
    public void A_delay_seconds_that_names_no_integer_is_refused_at_its_argument()
    {
        var text = ShippedProfiles.Text("mainline-6.1").Replace("delay-seconds: panic_timeout", "delay-seconds: panic_timout", StringComparison.Ordinal);
        using var folder = new ScenarioFolder();
        folder.Write("top.yaml", Scenario);
        folder.Write("k.yaml", text);
        var at = text.IndexOf("panic_timout", StringComparison.Ordinal);
        var line = text[..at].Count(c => c == '\n') + 1;
        var column = at - text.LastIndexOf('\n', at - 1);
        Assert.Equal($"{folder.Path("k.yaml")}:{line}:{column}: expected an integer knob or local holding seconds, such as panic_timeout, not 'panic_timout'", folder.Error("top.yaml").Message);
    }
}
