using System.Text.Json;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Packages;

/// <summary>
/// What a user does with nothing but the README (its "In a worker app, step by step"): a fresh
/// <c>dotnet new worker -n MyWorker</c> app (the template ships with the SDK and pins its own, older,
/// Microsoft.Extensions.Hosting), the PanicPath.Hosting package from a local <c>dotnet pack</c> feed,
/// the README's <c>Program.cs</c> as written, a build with the template's settings, and a crash run
/// under <c>panicpath run</c> that records the death with the app's in-process report.
/// </summary>
public sealed class WorkerAppTests
{
    [Fact]
    public async Task A_fresh_worker_app_takes_the_packed_library_builds_with_the_readmes_program_and_its_death_is_recorded()
    {
        using var temp = new TempDirectory();
        var feed = await LocalFeed.Pack(temp, "src/PanicPath/PanicPath.csproj", "src/PanicPath.Hosting/PanicPath.Hosting.csproj");
        var environment = LocalFeed.DotnetEnvironment(feed.Packages);
        var app = temp.Sub("MyWorker");
        var project = Path.Combine(app, "MyWorker.csproj");

        var (_, created, createdSaid, createdError) = await CliProcess.RunProgram(Crasher.Dotnet, ["new", "worker", "-n", "MyWorker", "-o", app], environment);
        Assert.True(created == 0, $"dotnet new worker failed:\n{createdSaid}\n{createdError}");

        var (_, added, addedSaid, addedError) = await CliProcess.RunProgram(Crasher.Dotnet, ["add", project, "package", "PanicPath.Hosting"], environment);
        if (added != 0 && (addedSaid + addedError).Contains("NU1301", StringComparison.Ordinal))
        {
            Requirement.Unmet($"needs NuGet's feed for the worker template's packages, and it cannot be reached: {addedSaid}{addedError}");
        }

        Assert.True(added == 0, $"dotnet add package PanicPath.Hosting failed:\n{addedSaid}\n{addedError}");
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), ReadmeSamples.WorkerProgram());
        var (_, built, builtSaid, builtError) = await CliProcess.RunProgram(Crasher.Dotnet, ["build", project, "-nologo"], environment);
        Assert.True(built == 0, $"the worker app does not build:\n{builtSaid}\n{builtError}");

        var data = temp.Sub("data");
        var dll = Path.Combine(app, "bin", "Debug", "net10.0", "MyWorker.dll");
        var (ran, ranSaid, ranError) = await CliProcess.Run(new Dictionary<string, string?>(), "run", "--data", data, "--dump-type", "1", "--", Crasher.Dotnet, dll, "--crash");
        Assert.True(ran != 0, $"the worker exited 0 under panicpath run:\n{ranSaid}\n{ranError}");

        var (listed, list, listError) = await CliProcess.Run(new Dictionary<string, string?>(), "reports", "list", "--data", data, "--json");
        Assert.True(listed == 0, listError);
        var death = Assert.Single(JsonDocument.Parse(list).RootElement.GetProperty("deaths").EnumerateArray());
        Assert.Equal("unhandled-exception", death.GetProperty("cause").GetString());
        Assert.Contains("MyWorker.dll --crash", death.GetProperty("command").GetString(), StringComparison.Ordinal);
        var exception = death.GetProperty("report").GetProperty("exception");
        Assert.Equal("System.InvalidOperationException", exception.GetProperty("type").GetString());
        Assert.Equal("the worker crashed", exception.GetProperty("message").GetString());
    }
}
