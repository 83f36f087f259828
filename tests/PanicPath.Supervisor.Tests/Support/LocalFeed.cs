using System.Reflection;
using System.Security;

namespace PanicPath.Supervisor.Tests.Support;

/// <summary>
/// A package feed in a folder, packed from this checkout as a user would (<c>dotnet pack</c> of the
/// projects these tests were built with, no second build), and a <c>nuget.config</c> that takes the
/// PanicPath packages from it and only from it (package source mapping), and every other package from
/// the machine's NuGet cache, else nuget.org. Restores through it use a packages folder of their own
/// (<see cref="DotnetEnvironment"/>), so a package of an earlier run cached under the same version is
/// never taken for this one.
/// </summary>
internal sealed class LocalFeed
{
    private LocalFeed(string folder, string config, string packages)
    {
        Folder = folder;
        Config = config;
        Packages = packages;
    }

    /// <summary>The folder holding the packed <c>.nupkg</c> files.</summary>
    public string Folder { get; }

    /// <summary>The <c>nuget.config</c>, in the folder that holds the apps restored through it.</summary>
    public string Config { get; }

    /// <summary>The packages folder (<c>NUGET_PACKAGES</c>) of restores through this feed.</summary>
    public string Packages { get; }

    /// <summary>
    /// Packs <paramref name="projects"/> (paths relative to the repository) into <c>TEMP/feed</c> and
    /// writes <c>TEMP/nuget.config</c>; a failed pack fails the test with what it said.
    /// </summary>
    public static async Task<LocalFeed> Pack(TempDirectory temp, params string[] projects)
    {
        var folder = Directory.CreateDirectory(temp.Sub("feed")).FullName;
        var packages = Directory.CreateDirectory(temp.Sub("nuget-packages")).FullName;
        var configuration = typeof(LocalFeed).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        foreach (var project in projects)
        {
            var path = Path.Combine(PanicPath.TestSupport.ExampleScenarios.Repository, project);
            var (_, exit, output, error) = await CliProcess.RunProgram(Crasher.Dotnet, ["pack", path, "--no-build", "-c", configuration, "-o", folder, "-nologo"], DotnetEnvironment());
            Assert.True(exit == 0, $"dotnet pack {project} failed:\n{output}\n{error}");
        }

        // The machine's cache is a folder feed of its own (id/version/id.version.nupkg): what the solution's
        // restore already fetched comes from there, and nuget.org is asked only for the rest.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var cacheSource = Directory.Exists(cache) ? $"""<add key="cache" value="{SecurityElement.Escape(cache)}" />""" : string.Empty;
        var cacheMapping = Directory.Exists(cache) ? """<packageSource key="cache"><package pattern="*" /></packageSource>""" : string.Empty;
        var config = temp.Sub("nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{SecurityElement.Escape(folder)}" />
                {cacheSource}
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="PanicPath" /><package pattern="PanicPath.*" /></packageSource>
                {cacheMapping}
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        return new LocalFeed(folder, config, packages);
    }

    /// <summary>The environment of a <c>dotnet</c> command the tests start: quiet, and with <paramref name="packages"/> as its NuGet packages folder when given.</summary>
    public static Dictionary<string, string?> DotnetEnvironment(string? packages = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        };
        if (packages is not null)
        {
            environment["NUGET_PACKAGES"] = packages;
        }

        return environment;
    }
}
