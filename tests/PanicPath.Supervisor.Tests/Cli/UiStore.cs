using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Cli;

/// <summary>
/// A data directory holding real deaths for the web view's tests: crashers run under the real
/// <c>panicpath run</c> (dumps in the data directory's own dump folder): an oops escalated to a panic by
/// PanicPath, an unhandled exception (the runtime's dump and crash report), an exit code, and a panic whose
/// report holds five notifiers on four lists, one of them timed out. Made once for the test class.
/// </summary>
public sealed class UiStore : IAsyncLifetime
{
    private readonly TempDirectory temp = new();

    /// <summary>The data directory.</summary>
    public string Data => temp.Sub("data");

    /// <summary>The deaths stored, newest first.</summary>
    public IReadOnlyList<DeathRecord> Deaths { get; private set; } = [];

    /// <summary>The buckets stored.</summary>
    public IReadOnlyList<DeathBucket> Buckets { get; private set; } = [];

    public DeathRecord Of(string cause) => Deaths.Single(d => d.Cause == cause);

    public async ValueTask InitializeAsync()
    {
        foreach (var mode in new[] { new[] { "oops-panic" }, ["unhandled"], ["exit3"], ["panicpath-hangs", "1"] })
        {
            var (exit, _, error) = await CliProcess.Run(new Dictionary<string, string?>(), ["run", "--data", Data, "--dump-type", "1", "--", Crasher.Dotnet, Crasher.Dll, .. mode]);
            Assert.True(exit != 0 && error.Contains("recorded death", StringComparison.Ordinal), $"{string.Join(' ', mode)}: exit {exit}: {error}");
        }

        using var store = SqliteDeathStore.OpenReadOnly(Data, bringUpToDate: false);
        Deaths = await store.QueryAsync(new DeathQuery());
        Buckets = await store.BucketsAsync();
    }

    public ValueTask DisposeAsync()
    {
        temp.Dispose();
        return ValueTask.CompletedTask;
    }
}
