using System.Diagnostics;
using System.Globalization;

namespace PanicPath.Benchmarks.Supervisor;

/// <summary>
/// The native supervisor's overhead, whole processes interleaved in one run:
/// <c>dotnet Crashers.dll exit0</c> (the baseline), <c>panicpath run --data TMP -- dotnet Crashers.dll exit0</c>
/// and <c>panicpath run --data TMP -- true</c> with the native binary, one of each per round, so that the
/// machine's load falls on all three alike. Wall: the median over the rounds, and the ratio of medians
/// against the baseline. Memory: the peak RSS of the supervisor process itself (its <c>VmHWM</c> in
/// <c>/proc/PID/status</c>, read until it exits; GNU time's <c>%M</c> would give the largest process of the
/// tree, the app), and of the app alone, in separate runs that are not timed.
/// <code>dotnet run -c Release --project bench/PanicPath.Benchmarks -- native-startup [--native PATH] [--rounds N] [--rss-runs N]</code>
/// The native binary: <c>--native PATH</c>, else <c>$PANICPATH_NATIVE</c>, else <c>artifacts/native/linux-x64/panicpath</c>, the native supervisor <c>build/publish-native</c> publishes.
/// </summary>
internal static class NativeStartup
{
    public const string Verb = "native-startup";

    public static async Task<int> RunAsync(string[] args)
    {
        var native = Option(args, "--native") ?? (Environment.GetEnvironmentVariable("PANICPATH_NATIVE") is { Length: > 0 } named ? named : DefaultNative());
        var rounds = int.Parse(Option(args, "--rounds") ?? "30", CultureInfo.InvariantCulture);
        var rssRuns = int.Parse(Option(args, "--rss-runs") ?? "5", CultureInfo.InvariantCulture);
        if (!File.Exists(native))
        {
            await Console.Error.WriteLineAsync($"native-startup: no native panicpath at {native}: run build/publish-native, or give --native PATH").ConfigureAwait(false);
            return 2;
        }

        var data = Directory.CreateTempSubdirectory("panicpath-bench-native-").FullName;
        try
        {
            (string Name, string Command, string[] Arguments)[] cases =
            [
                ("`dotnet Crashers.dll exit0` (baseline)", ChildCommand.Dotnet, [ChildCommand.Crashers, "exit0"]),
                ("`panicpath run -- dotnet Crashers.dll exit0` (native)", native, ["run", "--data", Path.Combine(data, "app"), "--", ChildCommand.Dotnet, ChildCommand.Crashers, "exit0"]),
                ("`panicpath run -- true` (native, the supervisor alone)", native, ["run", "--data", Path.Combine(data, "true"), "--", "true"]),
            ];

            // One warm-up of each: the page cache and the stores' first creation are not measured.
            foreach (var c in cases)
            {
                await TimeAsync(c.Command, c.Arguments).ConfigureAwait(false);
            }

            var walls = cases.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < cases.Length; i++)
                {
                    walls[i].Add(await TimeAsync(cases[i].Command, cases[i].Arguments).ConfigureAwait(false));
                }
            }

            var peaks = cases.Select(c => Enumerable.Range(0, rssRuns).Select(_ => PeakOfProcess(c.Command, c.Arguments)).ToList()).ToArray();
            var baseline = Median(walls[0]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rounds} interleaved rounds; peak RSS: median of {rssRuns} separate runs; {Environment.ProcessorCount} cores, load average {LoadAverage()}"));
            Console.WriteLine();
            Console.WriteLine("| Command | Median wall | Ratio | Peak RSS of the process started |");
            Console.WriteLine("|---|---:|---:|---:|");
            for (var i = 0; i < cases.Length; i++)
            {
                var wall = Median(walls[i]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {cases[i].Name} | {wall:0.0} ms | {wall / baseline:0.00} | {Median(peaks[i]) / 1024.0:0.0} MiB |"));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Starts the command, drains its output, waits for it; answers the wall time in milliseconds.</summary>
    private static async Task<double> TimeAsync(string command, string[] arguments)
    {
        var clock = Stopwatch.StartNew();
        var exit = await ChildCommand.RunAsync(command, arguments).ConfigureAwait(false);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        return exit == 0 ? elapsed : throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} exited with {exit}");
    }

    /// <summary>
    /// Runs the command once and answers the last <c>VmHWM</c> (KiB) read from its <c>/proc/PID/status</c>
    /// before it died: the peak RSS of that process alone, not of its children.
    /// </summary>
    private static long PeakOfProcess(string command, string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var status = $"/proc/{process.Id.ToString(CultureInfo.InvariantCulture)}/status";
        long peak = 0;
        while (true)
        {
            string text;
            try
            {
                text = File.ReadAllText(status);
            }
            catch (IOException)
            {
                break;
            }

            // A zombie has no memory left to report: the last figure read is its peak.
            var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is null)
            {
                break;
            }

            peak = long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
            Thread.Sleep(1);
        }

        process.WaitForExit();
        Task.WaitAll(output, error);
        return process.ExitCode == 0 ? peak : throw new InvalidOperationException($"{command} exited with {process.ExitCode}: {error.Result}");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static double Median(List<long> values) => Median(values.Select(v => (double)v).ToList());

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "unknown";

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;

    /// <summary><c>artifacts/native/linux-x64/panicpath</c> in the checkout these benchmarks were built from.</summary>
    private static string DefaultNative()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PanicPath.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? ".", "artifacts", "native", "linux-x64", "panicpath");
    }
}
