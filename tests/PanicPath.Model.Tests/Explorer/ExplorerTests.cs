using System.Text.Json;
using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Tests.Explorer;

public sealed class ExplorerTests
{
    private const string Yaml = """
        scenario: small
        cpus: 2
        knobs:
          kexec_crash_loaded: [false, true]
        features:
          fb: [true, false]
        locks: [l]
        state:
          link: { initial: up, values: [up, down] }
        callbacks:
          - name: flush
            chain: panic
            register-if: fb
            do: [ { lock: l }, { emit: flushed }, { unlock: l } ]
          - name: unload
            chain: panic
            priority: -1
            do: [ { set: link = down } ]
        faults:
          - stopped-cpu-holds: l
        invariants:
          - name: terminates
            terminates: true
          - name: down-at-boot
            at: [crash-kernel-boot]
            expect: link == down
        """;

    private const string Forced = """
        knobs:
          crash_kexec_post_notifiers: [false, true]
          panic_timeout: [0, 10]
        features:
          crash_msrs: [false, true]
          fb: [true, false]
        constraints:
          - "!(fb && panic_timeout == 10)"
        state:
          flushed: false
        setup:
          - if: crash_msrs
            do:
              - set: crash_kexec_post_notifiers = true
              - set: panic_timeout = 30
        callbacks:
          - name: flush
            chain: panic
            register-if: fb
            do: [ { set: flushed = true } ]
        faults:
          - second-cpu-panics
        entry: [panic, oops]
        invariants:
          - name: reboots
            at: [end-of-panic]
            expect: "false"
          - name: flushed-at-restart
            at: [restart]
            expect: flushed
          - name: terminates
            terminates: true
        """;

    [Fact]
    public void Exploration_streams_each_broken_invariant_of_each_configuration_with_its_trace()
    {
        var scenario = Model.Compile(Yaml);
        var violations = Model.Violations(scenario);
        Assert.Equal(8, ScenarioExplorer.Explore(scenario).Runs);
        var broken = violations.Select(v => $"{v.Invariant} {v.Configuration.Key}").Order().ToList();
        Assert.Equal(
            [
                "down-at-boot kexec_crash_loaded=true,fb=false,fault=none,entry=panic",
                "down-at-boot kexec_crash_loaded=true,fb=false,fault=stopped-cpu-holds(l),entry=panic",
                "down-at-boot kexec_crash_loaded=true,fb=true,fault=none,entry=panic",
                "down-at-boot kexec_crash_loaded=true,fb=true,fault=stopped-cpu-holds(l),entry=panic",
                "terminates kexec_crash_loaded=false,fb=true,fault=stopped-cpu-holds(l),entry=panic",
            ],
            broken);
        var hang = violations.Single(v => v.Invariant == "terminates");
        Assert.Contains(hang.Trace, s => s.Action.Contains("held by stopped cpu1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Yaml)]
    [InlineData(Forced)]
    public void The_bit_sets_and_counts_equal_a_brute_force_run_of_every_choice_deduplicated_by_effective_values(string yaml)
    {
        var scenario = Model.Compile(yaml);
        var report = ScenarioExplorer.Explore(scenario);

        // Reference: a fresh machine per choice, keyed by the effective values as text; the first run of a key counts.
        var space = new ConfigurationSpace(scenario);
        var firstRun = new Dictionary<string, RunResult>();
        foreach (var choices in space.Choices())
        {
            var machine = new Machine(scenario);
            var result = machine.Run(choices);
            var key = space.Describe(choices, machine.Effective).Key;
            firstRun.TryAdd(key, result);
        }

        Assert.Equal(firstRun.Count, report.Runs);
        Assert.Equal(firstRun.Keys.Order(), report.Ran.Ones().Select(i => report.Space.Describe(i).Key).Order());
        foreach (var outcome in report.Invariants)
        {
            var expected = firstRun.Where(p => p.Value.Violates(outcome.Invariant.Index)).Select(p => p.Key).Order().ToList();
            Assert.Equal(expected, outcome.Violated.Ones().Select(i => report.Space.Describe(i).Key).Order());
            Assert.Equal(expected.Count, outcome.Count);
        }

        var streamed = Model.Violations(scenario).Select(v => $"{v.Invariant} {v.Configuration.Key}").Order().ToList();
        Assert.Equal(
            report.Invariants.SelectMany(o => o.Violated.Ones().Select(i => $"{o.Invariant.Name} {report.Space.Describe(i).Key}")).Order(),
            streamed);
    }

    [Fact]
    public void Choices_that_setup_turns_into_one_configuration_run_once_and_the_representative_trace_runs_as_it()
    {
        var scenario = Model.Compile(Forced);
        var report = ScenarioExplorer.Explore(scenario);

        // crash_msrs=true forces post_notifiers=true and panic_timeout=30: 2 × 2 chosen values become one.
        var forced = report.Ran.Ones().Where(i => report.Space.Describe(i)["crash_msrs"] == "true").ToList();
        Assert.All(forced, i => Assert.Equal("30", report.Space.Describe(i)["panic_timeout"]));
        Assert.Equal(2 * 2 * 2, forced.Count);
        foreach (var index in report.Ran.Ones())
        {
            var (configuration, result, trace) = report.Trace(index);
            Assert.Equal(report.Space.Describe(index).Key, configuration.Key);
            Assert.All(report.Invariants, o => Assert.Equal(o.Violated[index], result.Violates(o.Invariant.Index)));
            Assert.NotEmpty(trace);
            Assert.True(new ConfigurationSpace(scenario).Allows(report.ChoicesOf(index)));
        }
    }

    [Fact]
    public void The_explorer_allocates_nothing_per_run_beyond_what_the_machine_does_only_its_bit_sets()
    {
        static string Features(int count) =>
            "features:\n" + string.Concat(Enumerable.Range(0, count).Select(i => $"  f{i}: [false, true]\n")) +
            "callbacks:\n  - name: n\n    chain: panic\n    register-if: f0\n    do: [ { emit: e } ]\n" +
            "invariants:\n  - name: once\n    at-most-once: e\n";

        // What exploring allocates beyond running every configuration on one machine.
        static long Overhead(Scenario scenario)
        {
            var machine = new Machine(scenario);
            var space = new ConfigurationSpace(scenario);
            ScenarioExplorer.Explore(scenario);
            var before = GC.GetAllocatedBytesForCurrentThread();
            ScenarioExplorer.Explore(scenario);
            var explored = GC.GetAllocatedBytesForCurrentThread() - before;
            foreach (var choices in space.Choices())
            {
                machine.Run(choices);
            }

            before = GC.GetAllocatedBytesForCurrentThread();
            foreach (var choices in space.Choices())
            {
                machine.Run(choices);
            }

            return explored - (GC.GetAllocatedBytesForCurrentThread() - before);
        }

        var small = Overhead(Model.Compile(Features(10)));
        var large = Overhead(Model.Compile(Features(16)));

        // 64 times the runs; the two bit sets grow by 2 × 8 KiB, and nothing else may grow with the runs.
        Assert.InRange(large - small, 0, 32 * 1024);
    }

    [Fact]
    public void A_configuration_that_did_not_run_has_no_trace()
    {
        var report = ScenarioExplorer.Explore(Model.Compile(Forced));
        var missing = Enumerable.Range(0, (int)report.Space.Size).First(i => !report.Ran[i]);
        Assert.Throws<ArgumentOutOfRangeException>(() => report.Trace(missing));
    }

    [Fact]
    public void Exploration_is_deterministic()
    {
        static string Json(string yaml)
        {
            var report = ScenarioExplorer.Explore(Model.Compile(yaml));
            using var text = new StringWriter();
            using (var writer = new JsonTextWriter(text))
            {
                ReportJson.WriteSummary(writer, "panicpath.explore/2", report, ExplorationSummary.Summarize(report, 8));
            }

            return text.ToString();
        }

        Assert.Equal(Json(Forced), Json(Forced));
        Assert.Equal(Model.Violations(Model.Compile(Forced)).Select(v => v.Configuration.Key), Model.Violations(Model.Compile(Forced)).Select(v => v.Configuration.Key));
    }

    [Fact]
    public void The_json_summary_has_scenario_runs_violating_and_each_invariant_with_a_trace()
    {
        var report = ScenarioExplorer.Explore(Model.Compile(Yaml));
        using var text = new StringWriter();
        using (var writer = new JsonTextWriter(text))
        {
            ReportJson.WriteSummary(writer, "panicpath.explore/2", report, ExplorationSummary.Summarize(report, 8));
        }

        using var json = JsonDocument.Parse(text.ToString());
        var root = json.RootElement;
        Assert.Equal(["schema", "scenario", "kernel", "runs", "violating", "invariants"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("panicpath.explore/2", root.GetProperty("schema").GetString());
        Assert.Equal("small", root.GetProperty("scenario").GetString());
        Assert.Equal(8, root.GetProperty("runs").GetInt32());
        Assert.Equal(5, root.GetProperty("violating").GetInt32());
        var invariants = root.GetProperty("invariants").EnumerateArray().ToList();
        Assert.Equal(["terminates", "down-at-boot"], invariants.Select(i => i.GetProperty("name").GetString()));
        Assert.Equal([1, 4], invariants.Select(i => i.GetProperty("violated").GetInt32()));
        var down = invariants[1];
        var run = down.GetProperty("conditions").GetArrayLength() > 0 ? down.GetProperty("conditions")[0] : down.GetProperty("example");
        Assert.Equal("true", run.GetProperty("config").GetProperty("kexec_crash_loaded").GetString());
        Assert.Equal(["cpu", "chain", "callback", "action", "change"], run.GetProperty("trace")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_configuration_names_only_known_dimensions_and_values()
    {
        var space = new ConfigurationSpace(Model.Compile(Yaml));
        Assert.Equal("--config: expected one of kexec_crash_loaded, fb, fault, entry, not 'kdump'", Assert.Throws<ArgumentException>(() => space.Parse("kdump=true")).Message);
        Assert.Equal("--config: expected fb to be one of true, false, not 'yes'", Assert.Throws<ArgumentException>(() => space.Parse("fb=yes")).Message);
        Assert.Equal("--config: expected name=value, not 'fb'", Assert.Throws<ArgumentException>(() => space.Parse("fb")).Message);
    }

    [Theory]
    [InlineData("fb=true,fb=false")]
    [InlineData("fb=false,kexec_crash_loaded=true,fb=false")]
    [InlineData("entry=panic, entry=panic")]
    public void A_configuration_that_names_a_dimension_twice_is_refused_naming_it(string config)
    {
        var space = new ConfigurationSpace(Model.Compile(Yaml));
        var name = config[..config.IndexOf('=', StringComparison.Ordinal)];
        Assert.Equal($"--config: expected each name once, not '{name}' twice", Assert.Throws<ArgumentException>(() => space.Parse(config)).Message);
    }

    [Fact]
    public void Running_the_same_configuration_twice_on_one_machine_gives_the_same_result()
    {
        var scenario = Model.Compile(Yaml);
        var machine = new Machine(scenario);
        var space = new ConfigurationSpace(scenario);
        var results = space.Choices().Select(c => machine.Run(c)).ToList();
        var again = space.Choices().Select(c => machine.Run(c)).ToList();
        Assert.Equal(results, again);
    }
}
