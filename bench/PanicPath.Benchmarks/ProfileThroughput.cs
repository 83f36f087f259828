using System.Diagnostics;
using System.Globalization;
using PanicPath.Benchmarks.Baseline;
using PanicPath.Model.Explorer;
using PanicPath.Model.Scenarios;

namespace PanicPath.Benchmarks;

/// <summary>
/// The explorer's throughput on the seed files (<c>examples/hyperv/*.yaml</c>, the top-level scenarios) with the frozen
/// C#-coded machine (<see cref="BaselineMachine"/>, explored by <see cref="BaselineExplorer"/>) and with the current
/// machine (<see cref="ScenarioExplorer.Explore(Scenario)"/>), in one run: per file and round, each explores the whole
/// file again and again for at least a fifth of a second, baseline and current interleaved (their order alternating
/// by round) after a warm-up; it prints per file the configurations (allowed choices, each one <c>Run</c>), the median
/// configurations per second of each, their ratio current/baseline and the bytes allocated per configuration, then the
/// same over all the seed files. The goal for the profile interpreter is a ratio of at least 0.5 (within 2×).
/// <c>--verify</c> instead runs every configuration of the seed files on both machines with the trace on and reports
/// the first configuration whose end, violated invariants, hang reason, effective values or trace differ
/// (<see cref="ProfileVerification"/>).
/// <c>dotnet run -c Release --project bench/PanicPath.Benchmarks -- profile-throughput [--rounds N] [--verify]</c>.
/// </summary>
public static class ProfileThroughput
{
    /// <summary>The argument that runs this benchmark.</summary>
    public const string Verb = "profile-throughput";

    private static readonly TimeSpan MinTime = TimeSpan.FromMilliseconds(200);

    /// <summary>Runs the benchmark, or the verification with <c>--verify</c>; answers the exit code.</summary>
    public static int Run(string[] options)
    {
        var rounds = 5;
        var verify = false;
        for (var i = 0; i < options.Length; i++)
        {
            switch (options[i])
            {
                case "--verify":
                    verify = true;
                    break;
                case "--rounds" when i + 1 < options.Length && int.TryParse(options[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
                    rounds = n;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"{Verb}: expected --rounds N (a positive count) or --verify, not '{options[i]}'");
                    return 2;
            }
        }

        var seeds = SeedFiles();
        return verify ? ProfileVerification.Run(seeds) : Measure(seeds, rounds);
    }

    /// <summary>
    /// The seed files: the top-level scenarios of <c>examples/hyperv</c>, compiled, by file name; not those that speak of
    /// time (<see cref="Scenario.UsesTime"/>, <c>unload-wait-time.yaml</c>) or of CPUs' identity (<see cref="Scenario.UsesCpus"/>,
    /// <c>unload-response*.yaml</c>), which the frozen baseline, older than the model clock and the CPU masks, cannot run.
    /// </summary>
    internal static IReadOnlyList<(string Name, Scenario Scenario)> SeedFiles() =>
        [.. Directory.GetFiles(ExplorerBenchmarks.Examples(), "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(path => ("examples/hyperv/" + Path.GetFileName(path), ScenarioParser.ParseFile(path)))
            .Where(seed => !seed.Item2.UsesTime && !seed.Item2.UsesCpus)];

    private static int Measure(IReadOnlyList<(string Name, Scenario Scenario)> seeds, int rounds)
    {
        var rows = seeds.Select(s => new Row(s.Name, s.Scenario, new ConfigurationSpace(s.Scenario).Choices().LongCount())).ToList();
        foreach (var row in rows)
        {
            var baseline = BaselineExplorer.Explore(row.Scenario);
            var current = ScenarioExplorer.Explore(row.Scenario);
            if (baseline.Runs != current.Runs || baseline.Violating().Count() != current.Violating().Count())
            {
                row.Note = $"the machines disagree: baseline {baseline.Runs} runs, {baseline.Violating().Count()} violating; current {current.Runs} runs, {current.Violating().Count()} violating (see --verify)";
            }

            Time(() => BaselineExplorer.Explore(row.Scenario), row.Configurations);
            Time(() => ScenarioExplorer.Explore(row.Scenario), row.Configurations);
        }

        for (var round = 0; round < rounds; round++)
        {
            foreach (var row in rows)
            {
                if (round % 2 == 0)
                {
                    row.Baseline.Add(Time(() => BaselineExplorer.Explore(row.Scenario), row.Configurations));
                    row.Current.Add(Time(() => ScenarioExplorer.Explore(row.Scenario), row.Configurations));
                }
                else
                {
                    row.Current.Add(Time(() => ScenarioExplorer.Explore(row.Scenario), row.Configurations));
                    row.Baseline.Add(Time(() => BaselineExplorer.Explore(row.Scenario), row.Configurations));
                }
            }
        }

        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(invariant, $"Profile throughput: the explorer on the seed files, frozen baseline machine against the current one, {rounds} interleaved rounds, {Environment.ProcessorCount} CPUs"));
        Console.WriteLine("| seed file | configurations | baseline configs/s | current configs/s | current/baseline | baseline B/config | current B/config |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        double baselineSeconds = 0, currentSeconds = 0;
        long total = 0;
        foreach (var row in rows)
        {
            var b = Median(row.Baseline.Select(m => m.Rate));
            var c = Median(row.Current.Select(m => m.Rate));
            baselineSeconds += row.Configurations / b;
            currentSeconds += row.Configurations / c;
            total += row.Configurations;
            Console.WriteLine(string.Create(invariant,
                $"| {row.Name} | {row.Configurations:N0} | {b:N0} | {c:N0} | {c / b:N2} | {Median(row.Baseline.Select(m => m.BytesPerConfig)):N0} | {Median(row.Current.Select(m => m.BytesPerConfig)):N0} |"));
        }

        var baselineRate = total / baselineSeconds;
        var currentRate = total / currentSeconds;
        Console.WriteLine(string.Create(invariant, $"| all seed files | {total:N0} | {baselineRate:N0} | {currentRate:N0} | {currentRate / baselineRate:N2} | | |"));
        Console.WriteLine(string.Create(invariant, $"current/baseline configurations per second over all seed files: {currentRate / baselineRate:N2} (goal: at least 0.50, the current machine within 2x of the baseline)"));
        foreach (var row in rows.Where(r => r.Note is not null))
        {
            Console.WriteLine($"note: {row.Name}: {row.Note}");
        }

        return 0;
    }

    /// <summary>Explores again and again for at least <see cref="MinTime"/>: configurations per second and bytes allocated per configuration.</summary>
    private static (double Rate, double BytesPerConfig) Time(Func<ExplorationReport> explore, long configurations)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        long iterations = 0;
        do
        {
            GC.KeepAlive(explore());
            iterations++;
        }
        while (watch.Elapsed < MinTime);

        watch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var runs = configurations * iterations;
        return (runs / watch.Elapsed.TotalSeconds, (double)allocated / runs);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>One seed file's measurements.</summary>
    private sealed class Row(string name, Scenario scenario, long configurations)
    {
        public string Name { get; } = name;

        public Scenario Scenario { get; } = scenario;

        public long Configurations { get; } = configurations;

        public List<(double Rate, double BytesPerConfig)> Baseline { get; } = [];

        public List<(double Rate, double BytesPerConfig)> Current { get; } = [];

        public string? Note { get; set; }
    }
}
