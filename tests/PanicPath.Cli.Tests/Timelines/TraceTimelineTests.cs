using PanicPath.Cli.Timeline;
using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios;

namespace PanicPath.Cli.Tests.Timelines;

public sealed class TraceTimelineTests
{
    /// <summary>Explores an example scenario and answers the trace of its first configuration that violates <paramref name="invariant"/> and <paramref name="where"/> says.</summary>
    private static (Scenario Scenario, IReadOnlyList<TraceStep> Trace) Violating(string example, string invariant, Func<Configuration, bool>? where = null)
    {
        var scenario = ScenarioParser.ParseFile(Example(example));
        var report = ScenarioExplorer.Explore(scenario);
        var outcome = report.Invariants.Single(i => i.Invariant.Name == invariant);
        foreach (var index in outcome.Violated.Ones())
        {
            var run = report.Trace(index);
            if (where is null || where(run.Configuration))
            {
                return (scenario, run.Trace);
            }
        }

        throw new Xunit.Sdk.XunitException($"no configuration of {example} violates {invariant} as asked");
    }

    /// <summary>An example scenario by its path under <c>examples/</c> (<c>races/console-lock-nmi</c>), or its name in <c>examples/hyperv</c>.</summary>
    public static string Example(string name) =>
        name.Contains('/', StringComparison.Ordinal) ? Path.Combine(PanicPath.TestSupport.ExampleScenarios.Repository, "examples", name + ".yaml") : CliRun.Example(name);

    private static bool Has(Configuration configuration, string name, string value) => configuration.Values.Any(p => p.Key == name && p.Value == value);

    /// <summary>The steps a timeline shows: all but the boot registrations and setup, which come before the entry point.</summary>
    private static List<int> Shown(IReadOnlyList<TraceStep> trace) => [.. Enumerable.Range(0, trace.Count).Where(i => trace[i].Chain is not ("boot" or "setup"))];

    [Fact]
    public void A_race_between_two_cpus_has_a_lane_per_cpu_each_step_on_its_cpu_lane_in_trace_order_and_markers_at_the_panic_the_nmi_and_the_violation()
    {
        var (scenario, trace) = Violating("races/console-lock-nmi", "terminates", c => Has(c, "race", "nmi after claim-panic-cpu"));
        Assert.False(scenario.UsesTime);

        var timeline = TraceTimeline.From(trace, "race", scenario.UsesTime);

        Assert.Equal("step", timeline.Unit);
        Assert.Equal(["cpu0", "cpu1"], timeline.Lanes);
        var shown = Shown(trace);
        Assert.Equal(shown.Count, timeline.Bars.Sum(b => b.Duration));
        var covered = timeline.Bars.SelectMany(b => Enumerable.Range((int)b.Start, (int)b.Duration)).ToList();
        Assert.Equal(shown, covered);
        foreach (var bar in timeline.Bars)
        {
            Assert.Equal($"cpu{trace[(int)bar.Start].Cpu}", bar.Lane);
        }

        var panic = Assert.Single(timeline.Markers, m => m.Name == "panic");
        Assert.Equal(trace.ToList().FindIndex(s => s.Action.StartsWith("panic: ", StringComparison.Ordinal)), panic.At);
        Assert.Equal("panic on cpu0", panic.Label);
        var nmi = Assert.Single(timeline.Markers, m => m.Name == "nmi");
        Assert.Equal("NMI on cpu1", nmi.Label);
        Assert.Equal(trace.ToList().FindIndex(s => s.Chain == "nmi"), nmi.At);
        Assert.Contains(timeline.Markers, m => m.Name == "violation" && m.Label == "terminates violated");
        Assert.Contains(timeline.Bars, b => b.Outcome == "hung");

        var svg = Svg.Of(timeline);
        Assert.Equal(timeline.Bars.Count, svg.Bars.Count);
        Assert.Equal(["cpu0", "cpu1"], svg.Lanes.Select(l => (string?)l.Attribute("data-lane")));
    }

    [Fact]
    public void Callbacks_on_several_chains_get_a_lane_per_chain_under_their_cpu_and_one_bar_per_callback_run()
    {
        var (scenario, trace) = Violating("merged", "fb-flushed-while-connected", c => Has(c, "entry", "oops") && Has(c, "fault", "panic-in(hv_kmsg_dump)"));

        var timeline = TraceTimeline.From(trace, "merged", scenario.UsesTime);

        var chains = Shown(trace).Where(i => trace[i].Callback.Length > 0).Select(i => trace[i].Chain).Distinct().ToList();
        Assert.True(chains.Count > 1, string.Join(", ", chains));
        Assert.Equal(["cpu0", .. chains.Select(c => $"cpu0 {c}")], timeline.Lanes);

        // The callback runs, found here from the trace: consecutive steps of one callback on one chain.
        var runs = new List<(string Chain, string Callback)>();
        var previous = -2;
        foreach (var i in Shown(trace).Where(i => trace[i].Callback.Length > 0))
        {
            if (i != previous + 1 || trace[i].Callback != trace[previous].Callback || trace[i].Chain != trace[previous].Chain)
            {
                runs.Add((trace[i].Chain, trace[i].Callback));
            }

            previous = i;
        }

        var callbackBars = timeline.Bars.Where(b => b.Lane != "cpu0").ToList();
        Assert.Equal(runs.Select(r => ($"cpu0 {r.Chain}", r.Callback)), callbackBars.Select(b => (b.Lane, b.Name)));
        Assert.Contains(callbackBars, b => b.Name == "hv_kmsg_dump" && b.Outcome == "faulted");
        Assert.Contains(callbackBars, b => b.Name == "hvfb_on_panic" && b.Outcome == "violated");
        Assert.Contains(timeline.Markers, m => m.Name == "oops");
        Assert.Contains(timeline.Markers, m => m.Label == "nested panic on cpu0");
        var starts = timeline.Bars.Select(b => b.Start).ToList();
        Assert.Equal(starts.Order(), starts);
    }

    [Fact]
    public void A_scenario_that_speaks_of_time_is_drawn_on_the_model_clock_with_a_wait_as_long_as_it_waited()
    {
        var (scenario, trace) = Violating("unload-wait-time", "kdump-within-10s", c => Has(c, "arch", "x86_64"));
        Assert.True(scenario.UsesTime);

        var timeline = TraceTimeline.From(trace, "wait", scenario.UsesTime);

        Assert.Equal("µs", timeline.Unit);
        var wait = Assert.Single(timeline.Bars, b => b.Duration > 0);
        Assert.Equal("hv_machine_crash_shutdown", wait.Name);
        Assert.Equal(0, wait.Start);
        Assert.Equal(100_000_000, wait.Duration);
        var boots = Assert.Single(timeline.Markers, m => m.Label == "crash kernel boots");
        Assert.Equal(100_000_000, boots.At);
        Assert.Contains(timeline.Markers, m => m.Name == "crash-kexec" && m.At == 0);
        Assert.Contains(Svg.Of(timeline).Root.Descendants("text"), t => t.Value == "100 s");
    }

    [Fact]
    public void A_bar_tooltip_lists_its_steps_numbered_as_the_trace_numbers_them()
    {
        var (scenario, trace) = Violating("races/console-lock-nmi", "terminates");

        var timeline = TraceTimeline.From(trace, "t", scenario.UsesTime);

        foreach (var bar in timeline.Bars)
        {
            var first = (int)bar.Start;
            Assert.StartsWith($"#{first + 1} cpu{trace[first].Cpu}{(trace[first].Chain.Length > 0 ? " " + trace[first].Chain : string.Empty)}", bar.Detail, StringComparison.Ordinal);
            Assert.Contains(trace[first].Action, bar.Detail, StringComparison.Ordinal);
        }
    }
}
