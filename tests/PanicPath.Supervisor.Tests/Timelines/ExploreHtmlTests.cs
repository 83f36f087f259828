using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Timelines;

/// <summary><c>panicpath explore FILES… --html FILE</c>, run as a process on the repository's examples.</summary>
[Trait(StartsCli.Trait, StartsCli.Value)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class ExploreHtmlTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    private static string Example(string path) => Path.Combine(PanicPath.TestSupport.ExampleScenarios.Repository, "examples", path);

    private static Task<(int Exit, string Out, string Err)> Explore(params string[] args) => CliProcess.Run(NoEnvironment, ["explore", .. args]);

    /// <summary>Each element of <paramref name="page"/> opening with <paramref name="open"/> up to its <paramref name="close"/>, in order (none of them nest in themselves).</summary>
    private static List<string> Elements(string page, string open, string close) =>
        [.. Regex.Matches(page, Regex.Escape(open) + ".*?" + Regex.Escape(close), RegexOptions.Singleline).Select(m => m.Value)];

    private static XElement Svg(string figure) => XElement.Parse(Elements(figure, "<svg", "</svg>").Single());

    private static List<XElement> Classed(XElement svg, string element, string cls) =>
        [.. svg.Descendants(element).Where(e => ((string?)e.Attribute("class") ?? string.Empty).Split(' ').Contains(cls))];

    [GeneratedRegex("""(?:\b(?:src|href|action|poster|srcset|data)\s*=\s*["']?|url\(\s*["']?|@import\s+["']?)(?:https?:|//)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalSource();

    [Fact]
    public async Task One_page_holds_every_file_its_violations_by_invariant_and_a_timeline_per_condition_as_the_text_traces_them()
    {
        using var temp = new TempDirectory();
        var file = temp.Sub("explore.html");
        string[] scenarios = [Example("races/console-lock-nmi.yaml"), Example("hyperv/unload-wait-time.yaml")];

        var (exit, output, error) = await Explore([.. scenarios, "--html", file]);

        Assert.True(exit == 1, $"exit {exit}: {error}");
        Assert.Contains("terminates: violated in 12 configurations", output, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var page = await File.ReadAllTextAsync(file);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", page, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalSource(), page);
        var explorations = page.Split("<section class=\"exploration\"").Skip(1).ToList();
        Assert.Equal(scenarios.Select(s => $"data-file=\"{s}\""), explorations.Select(e => Regex.Match(e, "data-file=\"[^\"]*\"").Value));

        // As many timelines under each violated invariant as the text gives it conditions ([1], [2] … lines).
        var textConditions = Regex.Matches(output, @"^  \[\d+\]\s+\d+  ", RegexOptions.Multiline).Count;
        var figures = Elements(page, "<figure class=\"trace\"", "</figure>");
        Assert.Equal(textConditions, figures.Count);
        Assert.Contains("<h3 class=\"holds\">log-dumped-without-kdump: holds</h3>", explorations[0], StringComparison.Ordinal);

        var race = Svg(Elements(explorations[0], "<figure class=\"trace\"", "</figure>").Single());
        Assert.Equal(["cpu0", "cpu1"], Classed(race, "g", "lane").Select(l => (string?)l.Attribute("data-lane")));
        Assert.Contains(Classed(race, "line", "marker"), m => (string?)m.Attribute("data-name") == "nmi");
        Assert.Equal("step", (string?)race.Attribute("data-unit"));

        var timed = Elements(explorations[1], "<figure class=\"trace\"", "</figure>").Select(Svg).ToList();
        Assert.All(timed, svg => Assert.Equal("µs", (string?)svg.Attribute("data-unit")));
        Assert.All(timed, svg => Assert.Contains(Classed(svg, "g", "bar"), b => (string?)b.Attribute("data-duration") == "100000000"));
        Assert.All(figures, f => Assert.Contains("panicpath trace ", f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_a_dash_the_page_replaces_the_text_on_standard_output_and_the_exit_code_is_kept()
    {
        var (exit, output, error) = await Explore(Example("races/console-lock-nmi.yaml"), "--html", "-");

        Assert.True(exit == 1, $"exit {exit}: {error}");
        Assert.StartsWith("<!DOCTYPE html>", output, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("80 runs, 12 configurations with a violation\n", output.Replace("<p>", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Single(Elements(output, "<figure class=\"trace\"", "</figure>"));
    }

    [Fact]
    public async Task The_json_is_printed_as_before_alongside_the_page()
    {
        using var temp = new TempDirectory();
        var file = temp.Sub("explore.html");

        var (exit, output, error) = await Explore(Example("hyperv/unload-wait-time.yaml"), "--json", "--html", file);

        Assert.True(exit == 1, $"exit {exit}: {error}");
        using var json = JsonDocument.Parse(output);
        Assert.Equal("hyperv-unload-wait-time", json.RootElement.GetProperty("scenario").GetString());
        Assert.Contains("data-scenario=\"hyperv-unload-wait-time\"", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_over_a_scenario_file_explored_is_refused_and_the_file_is_left_as_it_was()
    {
        using var temp = new TempDirectory();
        var scenario = temp.Sub("race.yaml");
        File.Copy(Example("races/console-lock-nmi.yaml"), scenario);
        var text = await File.ReadAllTextAsync(scenario);

        var (exit, output, error) = await Explore(Example("hyperv/unload-wait-time.yaml"), scenario, "--html", scenario);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"panicpath: --html: {scenario}: is a scenario file explored ({scenario}); refusing to write the page there\n", error);
        Assert.Equal(text, await File.ReadAllTextAsync(scenario));
    }

    [Fact]
    public async Task A_refused_file_stops_the_command_before_anything_is_explored()
    {
        using var temp = new TempDirectory();
        var theirs = temp.Sub("fifo.html");
        using (var mkfifo = System.Diagnostics.Process.Start(Requirement.Command("mkfifo", "a FIFO in place of the page"), [theirs]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var link = temp.Sub("link.html");
        File.CreateSymbolicLink(link, temp.Sub("elsewhere"));

        foreach (var (path, said) in new[] { (theirs, $"panicpath: --html: {theirs}: "), (link, $"the symbolic link '{link}'") })
        {
            var (exit, output, error) = await Explore(Example("races/console-lock-nmi.yaml"), "--html", path);

            Assert.Equal(2, exit);
            Assert.Equal(string.Empty, output);
            Assert.Contains(said, error, StringComparison.Ordinal);
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => !l.StartsWith("See '", StringComparison.Ordinal));
        }

        Assert.False(File.Exists(temp.Sub("elsewhere")));
    }
}
