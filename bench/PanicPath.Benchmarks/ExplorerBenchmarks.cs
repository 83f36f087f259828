using BenchmarkDotNet.Attributes;
using PanicPath.Model.Explorer;
using PanicPath.Model.Scenarios;

namespace PanicPath.Benchmarks;

/// <summary>
/// The explorer's throughput: every configuration of each seed scenario, and of a generated scenario with
/// 2^16 configurations, against the same 2^16 space with no driver callbacks (the kernel's own sequence
/// only) as the baseline. Scenarios are compiled once in setup: a run does no YAML or reflection work.
/// </summary>
[MemoryDiagnoser]
public class ExplorerBenchmarks
{
    private Scenario v0 = null!;
    private Scenario v1 = null!;
    private Scenario patch21 = null!;
    private Scenario merged = null!;
    private Scenario generated = null!;
    private Scenario bare = null!;

    [GlobalSetup]
    public void Setup()
    {
        var examples = Examples();
        v0 = ScenarioParser.ParseFile(Path.Combine(examples, "v0-before.yaml"));
        v1 = ScenarioParser.ParseFile(Path.Combine(examples, "v1-patch16.yaml"));
        patch21 = ScenarioParser.ParseFile(Path.Combine(examples, "v1-patch16-patch21.yaml"));
        merged = ScenarioParser.ParseFile(Path.Combine(examples, "merged.yaml"));
        generated = ScenarioParser.Parse(GeneratedScenario.Yaml(16), "generated.yaml");
        bare = ScenarioParser.Parse(GeneratedScenario.Yaml(16, withCallbacks: false), "bare.yaml");
    }

    [Benchmark(Baseline = true, Description = "2^16 configs, kernel only")]
    public long Bare65536() => ScenarioExplorer.CountViolations(bare);

    [Benchmark(Description = "2^16 configs, 14 drivers")]
    public long Generated65536() => ScenarioExplorer.CountViolations(generated);

    [Benchmark(Description = "2^16 configs, 14 drivers, report as bit sets")]
    public long Generated65536Report() => ScenarioExplorer.Explore(generated, 1 << 16).Violating().Count();

    [Benchmark(Description = "seed v0-before (2560 runs)")]
    public long SeedV0() => ScenarioExplorer.CountViolations(v0);

    [Benchmark(Description = "seed v1-patch16 (2560 runs)")]
    public long SeedV1() => ScenarioExplorer.CountViolations(v1);

    [Benchmark(Description = "seed v1-patch16-patch21 (19200 runs)")]
    public long SeedPatch21() => ScenarioExplorer.CountViolations(patch21);

    [Benchmark(Description = "seed merged (2560 runs)")]
    public long SeedMerged() => ScenarioExplorer.CountViolations(merged);

    [Benchmark(Description = "seed merged, report as bit sets")]
    public long SeedMergedReport() => ScenarioExplorer.Explore(merged).Violating().Count();

    /// <summary>The seed scenarios' folder, <c>examples/hyperv</c>, found above the benchmark's binaries.</summary>
    internal static string Examples()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PanicPath.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? Directory.GetCurrentDirectory(), "examples", "hyperv");
    }
}
