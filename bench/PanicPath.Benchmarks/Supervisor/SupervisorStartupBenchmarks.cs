using BenchmarkDotNet.Attributes;

namespace PanicPath.Benchmarks.Supervisor;

/// <summary>
/// Supervisor start-up overhead, whole processes: the crasher's <c>exit0</c> started directly
/// (baseline) against <c>panicpath run --data TMP -- dotnet Crashers.dll exit0</c> (the built command,
/// default crash capture, a SQLite store in a temporary directory, the exit recorded), and
/// <c>panicpath run -- true</c>, which leaves the supervisor's own cost. Memory: the
/// <see cref="PeakRssColumn"/> (peak RSS of each command's process tree, measured in separate runs);
/// the allocation column only sees this process, which starts the command and waits.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[Config(typeof(PeakRssColumn.Config))]
public class SupervisorStartupBenchmarks
{
    private static readonly string Data = Path.Combine(Path.GetTempPath(), "panicpath-bench-startup-" + Environment.ProcessId);

    /// <summary>The command each benchmark runs, by method name; the peak-RSS column runs the same.</summary>
    public static IReadOnlyDictionary<string, (string Command, string[] Arguments)> Commands { get; } = new Dictionary<string, (string, string[])>
    {
        [nameof(AppDirectly)] = (ChildCommand.Dotnet, [ChildCommand.Crashers, "exit0"]),
        [nameof(AppUnderPanicPathRun)] = (ChildCommand.Dotnet, [ChildCommand.Cli, "run", "--data", Data, "--", ChildCommand.Dotnet, ChildCommand.Crashers, "exit0"]),
        [nameof(TrueUnderPanicPathRun)] = (ChildCommand.Dotnet, [ChildCommand.Cli, "run", "--data", Data, "--", "true"]),
    };

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(Data))
        {
            Directory.Delete(Data, recursive: true);
        }
    }

    [Benchmark(Baseline = true, Description = "dotnet Crashers.dll exit0")]
    public Task<int> AppDirectly() => Run(nameof(AppDirectly));

    [Benchmark(Description = "panicpath run -- dotnet Crashers.dll exit0")]
    public Task<int> AppUnderPanicPathRun() => Run(nameof(AppUnderPanicPathRun));

    [Benchmark(Description = "panicpath run -- true")]
    public Task<int> TrueUnderPanicPathRun() => Run(nameof(TrueUnderPanicPathRun));

    private static async Task<int> Run(string name)
    {
        var (command, arguments) = Commands[name];
        var exit = await ChildCommand.RunAsync(command, arguments).ConfigureAwait(false);
        return exit == 0 ? exit : throw new InvalidOperationException($"{name} exited with {exit}");
    }
}
