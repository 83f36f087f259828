using System.Security;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Packages;

/// <summary>
/// The READMEs never drift from the code: every C# sample in them (<see cref="ReadmeSamples"/>) is a
/// complete program, and each is built as written, alone in a console app of its own that takes the
/// PanicPath.Hosting package (with PanicPath) from a local <c>dotnet pack</c> of this checkout, warnings
/// as errors. The worker app's <c>Program.cs</c> is built in a real worker app by
/// <see cref="WorkerAppTests"/>.
/// </summary>
public sealed class ReadmeSampleTests
{
    [Fact]
    public async Task Every_csharp_sample_in_the_readmes_builds_as_written_as_a_complete_program()
    {
        using var temp = new TempDirectory();
        var feed = await LocalFeed.Pack(temp, "src/PanicPath/PanicPath.csproj", "src/PanicPath.Hosting/PanicPath.Hosting.csproj");
        var version = typeof(PanicPath.Panics.Panic).Assembly.GetName().Version!.ToString(3);
        var projects = new List<string>();
        foreach (var readme in ReadmeSamples.Files)
        {
            foreach (var (line, code) in ReadmeSamples.Blocks(readme))
            {
                if (code.StartsWith(ReadmeSamples.WorkerProgramMarker, StringComparison.Ordinal))
                {
                    continue;
                }

                // Named after where the sample stands, so that a compiler error names the README and its line.
                var name = $"{readme.Replace('/', '_').Replace(".md", string.Empty, StringComparison.Ordinal)}_line{line}";
                var folder = Directory.CreateDirectory(temp.Sub(name)).FullName;
                await File.WriteAllTextAsync(Path.Combine(folder, "Program.cs"), code);
                var project = Path.Combine(folder, name + ".csproj");
                await File.WriteAllTextAsync(project, $"""
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup>
                        <OutputType>Exe</OutputType>
                        <TargetFramework>net10.0</TargetFramework>
                        <ImplicitUsings>enable</ImplicitUsings>
                        <Nullable>enable</Nullable>
                        <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                      </PropertyGroup>
                      <ItemGroup>
                        <PackageReference Include="PanicPath.Hosting" Version="{version}" />
                      </ItemGroup>
                    </Project>
                    """);
                projects.Add(project);
            }
        }

        Assert.True(projects.Count >= 4, $"the READMEs have {projects.Count} C# samples besides the worker's Program.cs; they had 4 when this test was written");

        // One build of all of them (a solution), so that they are compiled in parallel by one MSBuild.
        var solution = temp.Sub("samples.slnx");
        await File.WriteAllTextAsync(solution, $"""
            <Solution>
            {string.Concat(projects.Select(p => $"  <Project Path=\"{SecurityElement.Escape(p)}\" />\n"))}</Solution>
            """);
        var (_, exit, output, error) = await CliProcess.RunProgram(Crasher.Dotnet, ["build", solution, "-nologo", "-clp:ErrorsOnly"], LocalFeed.DotnetEnvironment(feed.Packages));
        Assert.True(exit == 0, $"a README sample does not build as written:\n{output}\n{error}");
    }
}
