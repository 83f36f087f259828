using PanicPath.Model.Scenarios;
using PanicPath.TestSupport;

namespace PanicPath.Cli.Tests.Golden;

/// <summary>
/// The scenario files the golden files pin: every <c>*.yaml</c> under <c>examples/</c> that parses as a scenario on its
/// own (a fragment that only parses when included is left out), as paths relative to the repository with <c>/</c>, in
/// ordinal order; and the pairs <c>diff</c> compares in the README and the docs.
/// </summary>
internal static class GoldenScenarios
{
    private static readonly Lazy<string[]> Scenarios = new(Discover);

    /// <summary>The example scenario files, relative to the repository.</summary>
    public static IReadOnlyList<string> Files => Scenarios.Value;

    /// <summary>The example scenario files as theory data.</summary>
    public static TheoryData<string> All => [.. Files];

    /// <summary>The pairs of example files the README and docs/scenario-language.md show <c>panicpath diff</c> on.</summary>
    public static TheoryData<string, string> DiffPairs =>
    [
        ("examples/hyperv/v0-before.yaml", "examples/hyperv/v1-patch16.yaml"),
        ("examples/hyperv/v1-patch16.yaml", "examples/hyperv/v1-patch16-patch21.yaml"),
        ("examples/hyperv/v0-before.yaml", "examples/hyperv/merged.yaml"),
        ("examples/hyperv/merged.yaml", "examples/hyperv/merged-composed.yaml"),
        ("examples/hyperv/unload-response-this-cpu.yaml", "examples/hyperv/unload-response.yaml"),
        ("examples/hyperv/unload-response-online-cpus.yaml", "examples/hyperv/unload-response.yaml"),
    ];

    /// <summary>The absolute path of repository-relative <paramref name="file"/>.</summary>
    public static string Absolute(string file) => Path.Combine(ExampleScenarios.Repository, file);

    /// <summary>
    /// <paramref name="text"/> as a user running from the repository's root with relative paths sees it: the checkout's
    /// own path is taken out wherever it appears (the file given, the files it includes).
    /// </summary>
    public static string FromRoot(string text) => text.Replace(ExampleScenarios.Repository + "/", string.Empty, StringComparison.Ordinal);

    /// <summary>The golden file of <paramref name="file"/> (relative, under <c>examples/</c>) with <paramref name="suffix"/>: <c>hyperv/v0-before.explore.txt</c>.</summary>
    public static string GoldenName(string file, string suffix) => Path.ChangeExtension(file["examples/".Length..], null) + suffix;

    private static string[] Discover()
    {
        var root = ExampleScenarios.Repository;
        var files = new List<string>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(root, "examples"), "*.yaml", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                ScenarioParser.ParseFile(path);
            }
            catch (ScenarioException)
            {
                continue;
            }

            files.Add(relative);
        }

        files.Sort(StringComparer.Ordinal);
        return [.. files];
    }
}
