using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Browser.Tests.Support;

/// <summary>
/// A store with real deaths, shared by the tests of the web view (a collection fixture): tests/Crashers run
/// under <c>panicpath run --data DATA</c> as child processes, dying twice: a panic whose report holds four
/// notifiers on four lists, one of each outcome, and a nested panic (<c>panicpath-nested</c>), and an exit with
/// code 3 (<c>exit3</c>). <c>panicpath ui --data DATA</c> serves them from the first test that asks on
/// (<see cref="Server"/>). Everything is removed at the end: the server is stopped, the directory deleted.
/// </summary>
public sealed class RecordedDeaths : IAsyncLifetime
{
    private readonly TempDirectory temp = new();
    private Task<UiServer>? server;

    /// <summary>The store's directory (<c>--data</c>).</summary>
    public string Data => temp.Sub("data");

    /// <summary>The panic, as stored; its report has the notifiers.</summary>
    public DeathRecord Panic { get; private set; } = null!;

    /// <summary>The exit with code 3, as stored.</summary>
    public DeathRecord ExitCode { get; private set; } = null!;

    /// <summary>The running <c>panicpath ui</c> on the store, started at the first call.</summary>
    internal Task<UiServer> Server()
    {
        lock (temp)
        {
            return server ??= UiServer.Start(Data);
        }
    }

    /// <summary>A fresh directory for a test's files, removed with the store.</summary>
    public string Scratch(string name)
    {
        var directory = temp.Sub(name);
        Directory.CreateDirectory(directory);
        return directory;
    }

    public async ValueTask InitializeAsync()
    {
        var environment = new Dictionary<string, string?> { ["PANICPATH_POSTGRES"] = null };
        // The dumps go to DATA/dumps (the default), where the death page serves them and reads the runtime's crash report.
        string[] run = ["run", "--data", Data, "--dump-type", Crasher.DumpType.ToString(System.Globalization.CultureInfo.InvariantCulture), "--", Crasher.Dotnet, Crasher.Dll];
        var (exit, _, error) = await CliProcess.Run(environment, [.. run, "panicpath-nested"]);
        Assert.True(exit != 0, $"the panicking crasher's run exited 0: {error}");
        (exit, _, error) = await CliProcess.Run(environment, [.. run, "exit3"]);
        Assert.True(exit == 3, $"the exit3 crasher's run exited {exit}: {error}");

        using (var store = SqliteDeathStore.OpenReadOnly(Data))
        {
            var deaths = await store.ListAsync(10);
            Panic = Assert.Single(deaths, death => death.Cause == DeathCause.Panic);
            ExitCode = Assert.Single(deaths, death => death.Cause == DeathCause.ExitCode);
        }

        Assert.True(Panic.Report is { Notifiers.Count: > 1, Nested.Count: > 0 }, "the panic's report has several notifiers and a nested panic");
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            try
            {
                (await server).Dispose();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // It never started: the test that asked for it failed with the reason.
            }
        }

        temp.Dispose();
    }
}
