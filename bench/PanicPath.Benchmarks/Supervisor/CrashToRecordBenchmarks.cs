using BenchmarkDotNet.Attributes;
using PanicPath.Supervisor.Launch;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Store;

namespace PanicPath.Benchmarks.Supervisor;

/// <summary>
/// Crash to stored record, without a dump: the crasher dies of an unhandled exception (without
/// PanicPath, and with PanicPath spooling its in-process report), started directly and waited for
/// (baseline), against <see cref="ProcessSupervisor"/> with crash capture disarmed and a SQLite store
/// in a temporary directory, from start until the death is stored. The allocation column is the
/// supervisor's own (it runs in this process); the children's memory is not in it.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class CrashToRecordBenchmarks
{
    private string directory = string.Empty;
    private SqliteDeathStore store = null!;

    [Params("unhandled", "panicpath-unhandled")]
    public string Mode { get; set; } = "unhandled";

    [GlobalSetup]
    public void Setup()
    {
        directory = Directory.CreateTempSubdirectory("panicpath-bench-").FullName;
        store = SqliteDeathStore.Open(directory);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        store.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "crasher started directly, until it exits")]
    public Task<int> Direct() => ChildCommand.RunAsync(ChildCommand.Dotnet, [ChildCommand.Crashers, Mode], ChildCommand.NoCapture);

    [Benchmark(Description = "ProcessSupervisor, until the record is stored")]
    public async Task<long> Supervised()
    {
        var result = await new ProcessSupervisor(new SupervisorOptions
        {
            Command = ChildCommand.Dotnet,
            Arguments = [ChildCommand.Crashers, Mode],
            Capture = new CrashCaptureSettings(Path.Combine(directory, "dumps")) { Armed = false },
            SpoolRoot = Path.Combine(directory, "spool"),
            Store = store,
            Output = TextWriter.Null,
            Error = TextWriter.Null,
            ForwardSignals = false,
        }).RunAsync().ConfigureAwait(false);
        return result.Deaths[^1].Id;
    }
}
