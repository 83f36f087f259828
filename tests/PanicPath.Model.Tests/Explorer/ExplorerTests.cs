using System.Text.Json;
using PanicPath.Model.Explorer;

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

    [Fact]
    public void Exploration_reports_each_broken_invariant_of_each_configuration_with_its_trace()
    {
        var report = ScenarioExplorer.Explore(Model.Compile(Yaml));
        Assert.Equal(8, report.Runs);
        var broken = report.Violations.Select(v => $"{v.Invariant} {v.Configuration.Key}").Order().ToList();
        Assert.Equal(
            [
                "down-at-boot kexec_crash_loaded=true,fb=false,fault=none,entry=panic",
                "down-at-boot kexec_crash_loaded=true,fb=false,fault=stopped-cpu-holds(l),entry=panic",
                "down-at-boot kexec_crash_loaded=true,fb=true,fault=none,entry=panic",
                "down-at-boot kexec_crash_loaded=true,fb=true,fault=stopped-cpu-holds(l),entry=panic",
                "terminates kexec_crash_loaded=false,fb=true,fault=stopped-cpu-holds(l),entry=panic",
            ],
            broken);
        var hang = report.Violations.Single(v => v.Invariant == "terminates");
        Assert.Contains(hang.Trace, s => s.Action.Contains("held by stopped cpu1", StringComparison.Ordinal));
    }

    [Fact]
    public void Exploration_is_deterministic()
    {
        var first = ReportJson.Write(ScenarioExplorer.Explore(Model.Compile(Yaml)));
        var second = ReportJson.Write(ScenarioExplorer.Explore(Model.Compile(Yaml)));
        Assert.Equal(first, second);
    }

    [Fact]
    public void The_json_report_has_scenario_runs_and_violations_with_invariant_config_and_trace()
    {
        using var json = JsonDocument.Parse(ReportJson.Write(ScenarioExplorer.Explore(Model.Compile(Yaml))));
        var root = json.RootElement;
        Assert.Equal(["scenario", "kernel", "runs", "violations"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("small", root.GetProperty("scenario").GetString());
        Assert.Equal(8, root.GetProperty("runs").GetInt32());
        var violation = root.GetProperty("violations").EnumerateArray().First(v => v.GetProperty("invariant").GetString() == "down-at-boot");
        Assert.Equal(["invariant", "config", "trace"], violation.EnumerateObject().Select(p => p.Name));
        Assert.Equal("true", violation.GetProperty("config").GetProperty("kexec_crash_loaded").GetString());
        Assert.Equal(["cpu", "chain", "callback", "action", "change"], violation.GetProperty("trace")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_configuration_names_only_known_dimensions_and_values()
    {
        var space = new ConfigurationSpace(Model.Compile(Yaml));
        Assert.Equal("--config: expected one of kexec_crash_loaded, fb, fault, entry, not 'kdump'", Assert.Throws<ArgumentException>(() => space.Parse("kdump=true")).Message);
        Assert.Equal("--config: expected fb to be one of true, false, not 'yes'", Assert.Throws<ArgumentException>(() => space.Parse("fb=yes")).Message);
        Assert.Equal("--config: expected name=value, not 'fb'", Assert.Throws<ArgumentException>(() => space.Parse("fb")).Message);
    }

    [Fact]
    public void Running_the_same_configuration_twice_on_one_machine_gives_the_same_result()
    {
        var scenario = Model.Compile(Yaml);
        var machine = new PanicPath.Model.Kernel.Machine(scenario);
        var space = new ConfigurationSpace(scenario);
        var results = space.Choices().Select(c => machine.Run(c)).ToList();
        var again = space.Choices().Select(c => machine.Run(c)).ToList();
        Assert.Equal(results, again);
    }
}
