using System.IO.Compression;
using System.Xml.Linq;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Packages;

/// <summary>
/// What <c>dotnet pack PanicPath.slnx</c> gives a user: exactly the three packages meant to be taken
/// (the libraries and the tool; tests, benchmarks, examples, the model and the supervisor are not
/// packable), each with its own description and tags, the MIT licence expression, its readme inside
/// the package, the git repository it came from, and a symbol package beside it; the core depends on
/// no package at all.
/// </summary>
public sealed class PackageMetadataTests
{
    [Fact]
    public async Task Packing_the_solution_gives_the_two_libraries_and_the_tool_each_with_description_licence_readme_repository_and_symbols()
    {
        using var temp = new TempDirectory();
        var feed = await LocalFeed.Pack(temp, "PanicPath.slnx");

        var packages = Directory.GetFiles(feed.Folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
            ["PanicPath.0.1.0.nupkg", "PanicPath.0.1.0.snupkg", "PanicPath.Cli.0.1.0.nupkg", "PanicPath.Cli.0.1.0.snupkg", "PanicPath.Hosting.0.1.0.nupkg", "PanicPath.Hosting.0.1.0.snupkg"],
            packages);

        var descriptions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in new[] { "PanicPath", "PanicPath.Hosting", "PanicPath.Cli" })
        {
            using var package = ZipFile.OpenRead(Path.Combine(feed.Folder, $"{id}.0.1.0.nupkg"));
            XElement metadata;
            using (var nuspec = package.GetEntry($"{id}.nuspec")!.Open())
            {
                metadata = XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            }

            string? Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
            var description = Field("description");
            Assert.False(string.IsNullOrWhiteSpace(description) || description == "Package Description", $"{id}: description '{description}'");
            Assert.True(descriptions.Add(description!), $"{id}: the same description as another package");
            Assert.False(string.IsNullOrWhiteSpace(Field("tags")), $"{id}: no tags");
            Assert.Equal("MIT", Field("license"));
            Assert.Equal("Copyright (c) 2026 PanicPath contributors", Field("copyright"));
            Assert.Equal("README.md", Field("readme"));
            Assert.NotNull(package.GetEntry("README.md"));
            var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
            Assert.Equal("git", repository.Attribute("type")?.Value);
            Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? string.Empty);
            if (id == "PanicPath")
            {
                // The core takes nothing but the base class library.
                Assert.DoesNotContain(metadata.Descendants(), e => e.Name.LocalName == "dependency");
            }
        }
    }
}
