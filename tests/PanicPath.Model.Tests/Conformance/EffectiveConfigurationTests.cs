using PanicPath.Model.Explorer;

namespace PanicPath.Model.Tests.Conformance;

/// <summary>Configurations are what ran: labelled and counted by their values after setup.</summary>
public sealed class EffectiveConfigurationTests
{
    private const string Yaml = """
        knobs:
          crash_kexec_post_notifiers: [false, true]
        features:
          crash_msrs: [false, true]
        setup:
          - if: crash_msrs
            do:
              - set: crash_kexec_post_notifiers = true
        invariants:
          - name: never-reboots
            at: [end-of-panic]
            expect: "false"
        """;

    /// <summary>
    /// <c>hv_common_init()</c> (drivers/hv/hv_common.c) sets <c>crash_kexec_post_notifiers</c> when the crash MSRs
    /// exist: the chosen false and true then run the same kernel, which is one configuration, labelled true.
    /// </summary>
    [Fact]
    public void A_knob_forced_by_setup_is_labelled_with_the_value_it_ran_with_and_counted_once()
    {
        var report = ScenarioExplorer.Explore(Model.Compile(Yaml));
        Assert.Equal(3, report.Runs);
        var labels = report.Invariants[0].Violated.Ones().Select(i => report.Space.Describe(i).Key).Order().ToList();
        Assert.Equal(
            [
                "crash_kexec_post_notifiers=false,crash_msrs=false,fault=none,entry=panic",
                "crash_kexec_post_notifiers=true,crash_msrs=false,fault=none,entry=panic",
                "crash_kexec_post_notifiers=true,crash_msrs=true,fault=none,entry=panic",
            ],
            labels);
        Assert.Equal(3, ScenarioExplorer.CountViolations(Model.Compile(Yaml)));
    }

    /// <summary>The trace names the setup step (by line) that changed the knob, and from what to what.</summary>
    [Fact]
    public void The_trace_says_which_setup_step_changed_which_knob()
    {
        var (configuration, _, trace) = ScenarioExplorer.Trace(Model.Compile(Yaml), "crash_kexec_post_notifiers=false,crash_msrs=true");
        Assert.Equal("true", configuration["crash_kexec_post_notifiers"]);
        var step = Assert.Single(trace, s => s.Chain == "setup" && s.Action.StartsWith("crash_kexec_post_notifiers runs as true", StringComparison.Ordinal));
        Assert.Contains("by the setup step at line 8", step.Action, StringComparison.Ordinal);
        Assert.Equal("crash_kexec_post_notifiers: false → true", step.Change);
    }
}
