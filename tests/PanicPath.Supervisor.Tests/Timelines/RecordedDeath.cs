using PanicPath.Reports;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Timelines;

/// <summary>
/// A store holding one real death, shared by a test class: the crasher <c>panicpath-nested</c> (a step of each outcome
/// and a nested panic) run under <c>panicpath run</c>, recorded as death 1. Removed when the class is done.
/// </summary>
public sealed class RecordedDeath : IAsyncLifetime
{
    private readonly TempDirectory temp = new();

    /// <summary>The data directory holding the death.</summary>
    public string Data => temp.Sub("data");

    /// <summary>The death's report as stored.</summary>
    public CrashReport Report { get; private set; } = new();

    /// <summary>A fresh path in the fixture's folder.</summary>
    public string Path(string name) => temp.Sub(name);

    public async ValueTask InitializeAsync() => Report = await StoredReports.Of(temp, "panicpath-nested");

    public ValueTask DisposeAsync()
    {
        temp.Dispose();
        return ValueTask.CompletedTask;
    }
}
