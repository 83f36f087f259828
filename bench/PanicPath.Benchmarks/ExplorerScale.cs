using System.Diagnostics;
using System.Globalization;
using PanicPath.Model.Explorer;
using PanicPath.Model.Scenarios;

namespace PanicPath.Benchmarks;

/// <summary>
/// The explorer at scale, as whole processes (peak memory needs a process of its own): the generated scenario
/// (<see cref="GeneratedScenario"/>) with 2^24 configurations against the same scenario cut to 2^16 runs (the same
/// drivers, the last eight features fixed, see <see cref="GeneratedScenario.Yaml(int, int, bool)"/>), in interleaved
/// child processes of this program, so both sizes see the same machine load. Each child compiles its scenario,
/// warms the explorer up on it (2^16) or on the small one (2^24), then times <see cref="ScenarioExplorer.Explore(Scenario, long, Action{Violation}?, ExplorationProgress?)"/>
/// (the full report: bit sets over the effective space) over at least 2^22 runs, and prints its runs, seconds and
/// peak resident set (VmHWM). The parent prints a table: runs per second per size, their ratio, and peak memory.
/// <c>dotnet run -c Release --project bench/PanicPath.Benchmarks -- explorer-scale [rounds]</c>.
/// </summary>
public static class ExplorerScale
{
    /// <summary>The argument that runs this benchmark.</summary>
    public const string Command = "explorer-scale";

    private const string Child = "explorer-scale-child";
    private const int Small = 16;
    private const int Large = 24;

    /// <summary>Runs the benchmark (the parent) or one measurement (a child); answers the exit code.</summary>
    public static int Run(string[] args)
    {
        if (args[0] == Child)
        {
            return Measure(int.Parse(args[1], CultureInfo.InvariantCulture));
        }

        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
        var results = new Dictionary<int, List<(long Runs, double Seconds, long PeakKib)>> { [Small] = [], [Large] = [] };
        for (var round = 0; round < rounds; round++)
        {
            foreach (var bits in new[] { Small, Large })
            {
                results[bits].Add(RunChild(bits));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Explorer at scale: generated scenario, {rounds} interleaved rounds, {Environment.ProcessorCount} CPUs"));
        Console.WriteLine("| configurations | runs timed per round | runs/s (median) | peak RSS (max) |");
        Console.WriteLine("|---|---|---|---|");
        var rates = new Dictionary<int, double>();
        foreach (var (bits, list) in results)
        {
            var rate = Median(list.Select(r => r.Runs / r.Seconds));
            rates[bits] = rate;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| 2^{bits} | {list[0].Runs:N0} | {rate:N0} | {list.Max(r => r.PeakKib) / 1024.0:N0} MiB |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"2^{Small} runs/s ÷ 2^{Large} runs/s = {rates[Small] / rates[Large]:N2} (goal: at most 1.5)"));
        return 0;
    }

    private static (long Runs, double Seconds, long PeakKib) RunChild(int bits)
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ExplorerScale).Assembly.Location);
        }

        start.ArgumentList.Add(Child);
        start.ArgumentList.Add(bits.ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(start) ?? throw new InvalidOperationException("the measuring child did not start");
        var line = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        var parts = line.Split(' ');
        if (process.ExitCode != 0 || parts.Length != 3)
        {
            throw new InvalidOperationException($"the child for 2^{bits} failed (exit {process.ExitCode}): {line}");
        }

        return (long.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    private static int Measure(int bits)
    {
        var scenario = ScenarioParser.Parse(GeneratedScenario.Yaml(Large, bits), "generated.yaml");
        var warm = bits == Small ? scenario : ScenarioParser.Parse(GeneratedScenario.Yaml(Large, Small), "warm.yaml");
        ScenarioExplorer.Explore(warm, 1L << Large);
        var repeat = Math.Max(1, (int)((1L << 22) / scenario.SpaceSize));
        long runs = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < repeat; i++)
        {
            runs += ScenarioExplorer.Explore(scenario, 1L << Large).Runs;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{runs} {seconds:R} {PeakKib()}"));
        return 0;
    }

    /// <summary>This process's peak resident set (VmHWM in /proc/self/status), KiB.</summary>
    private static long PeakKib()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
