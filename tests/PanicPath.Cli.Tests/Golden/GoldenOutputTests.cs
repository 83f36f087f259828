using System.Globalization;
using System.Text.RegularExpressions;
using PanicPath.Model.Scenarios;

namespace PanicPath.Cli.Tests.Golden;

/// <summary>
/// The outputs of every example scenario as the C#-coded machine produced them, recorded under this folder and
/// recomputed here: <c>explore</c>'s text, <c>explore --json --all-traces</c> (as a digest), every configuration's end,
/// violations and trace hash, and <c>diff</c> between the series files as the README and docs show it. A change to the
/// kernel model that changes any of them fails here at the first differing line; an intended change is recorded with
/// <c>PANICPATH_UPDATE_GOLDEN=1</c> (see <see cref="GoldenFile"/>).
/// </summary>
public sealed partial class GoldenOutputTests
{
    public static TheoryData<string> Scenarios => GoldenScenarios.All;

    public static TheoryData<string, string> DiffPairs => GoldenScenarios.DiffPairs;

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Explore_prints_for_each_example_the_text_its_golden_file_recorded(string file)
    {
        var (exit, output, error) = await CliRun.Run("explore", GoldenScenarios.Absolute(file));
        Assert.Equal(string.Empty, error);
        var shown = GoldenScenarios.FromRoot(output);
        var violating = long.Parse(Violating().Match(shown).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(violating > 0 ? ExitCodes.Findings : ExitCodes.Fine, exit);
        GoldenFile.Check(GoldenScenarios.GoldenName(file, ".explore.txt"), shown);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Explore_json_all_traces_prints_for_each_example_what_its_golden_digest_recorded(string file)
    {
        var (exit, output, error) = await CliRun.Run("explore", GoldenScenarios.Absolute(file), "--json", "--all-traces");
        Assert.Equal(string.Empty, error);
        var scenario = ScenarioParser.ParseFile(GoldenScenarios.Absolute(file));
        var digest = AllTracesDigest.Of(scenario, file, exit, GoldenScenarios.FromRoot(output));
        GoldenFile.Check(GoldenScenarios.GoldenName(file, ".all-traces.txt"), digest, (was, now) =>
            AllTracesDigest.ConfigOf(scenario, now ?? was) is { } config ? $"that violation's run: panicpath trace {file} --config {config}" : null);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_configuration_of_each_example_ends_violates_and_traces_as_its_golden_table_recorded(string file)
    {
        var scenario = ScenarioParser.ParseFile(GoldenScenarios.Absolute(file));
        var table = ConfigurationTable.Of(scenario, file, GoldenScenarios.FromRoot);
        GoldenFile.Check(GoldenScenarios.GoldenName(file, ".configurations.txt"), table, (was, now) =>
            ConfigurationTable.ConfigOf(scenario, now ?? was) is { } config ? $"that run now: panicpath trace {file} --config {config}" : null);
    }

    [Theory]
    [MemberData(nameof(DiffPairs))]
    public async Task Diff_between_the_series_files_prints_what_its_golden_file_recorded(string old, string @new)
    {
        var (exit, output, error) = await CliRun.Run("diff", GoldenScenarios.Absolute(old), GoldenScenarios.Absolute(@new));
        Assert.Equal(string.Empty, error);
        var shown = GoldenScenarios.FromRoot(output);
        Assert.Equal(shown.TrimEnd().EndsWith("nothing newly violated", StringComparison.Ordinal) ? ExitCodes.Fine : ExitCodes.Findings, exit);
        GoldenFile.Check(DiffName(old, @new), shown);
    }

    [Fact]
    public void The_golden_folder_holds_the_files_of_every_example_scenario_and_diff_and_no_others()
    {
        Assert.Contains("examples/hyperv/v1-patch16.yaml", GoldenScenarios.Files);
        Assert.Contains("examples/pvpanic/pause-on-panic.yaml", GoldenScenarios.Files);
        var expected = GoldenScenarios.Files
            .SelectMany(f => new[] { ".explore.txt", ".all-traces.txt", ".configurations.txt" }.Select(s => GoldenScenarios.GoldenName(f, s)))
            .Concat(DiffPairs.Select(p => DiffName((string)p.Data.Item1, (string)p.Data.Item2)))
            .Order(StringComparer.Ordinal).ToList();
        if (GoldenFile.Updating)
        {
            return;
        }

        var present = Directory.EnumerateFiles(GoldenFile.Folder, "*.txt", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(GoldenFile.Folder, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal).ToList();
        var missing = expected.Except(present).ToList();
        var stale = present.Except(expected).ToList();
        Assert.True(missing.Count == 0 && stale.Count == 0,
            $"golden files missing: {string.Join(", ", missing)}; golden files no example or diff makes: {string.Join(", ", stale)}. " +
            $"Record the missing on purpose with {GoldenFile.Regenerate}; delete the others.");
    }

    [Fact]
    public void A_golden_difference_names_the_file_the_first_differing_line_both_versions_and_how_to_record_it()
    {
        Assert.Null(GoldenFile.Difference("x.txt", "a\nb\n", "a\nb\n"));
        var message = GoldenFile.Difference("x.txt", "a\nb\nc\n", "a\nB\nc\n", (was, now) => $"meaning of {was} → {now}");
        Assert.NotNull(message);
        Assert.StartsWith("x.txt:2: ", message, StringComparison.Ordinal);
        Assert.Contains("golden: b\n", message, StringComparison.Ordinal);
        Assert.Contains("now:    B\n", message, StringComparison.Ordinal);
        Assert.Contains("meaning of b → B", message, StringComparison.Ordinal);
        Assert.Contains("PANICPATH_UPDATE_GOLDEN=1 dotnet test", message, StringComparison.Ordinal);
        var shorter = GoldenFile.Difference("x.txt", "a\nb\n", "a\n");
        Assert.Contains("now:    (end of file)", shorter, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_in_one_runs_path_changes_that_runs_line_of_the_configurations_table_and_no_other()
    {
        const string Before = """
            scenario: one-step
            features:
              f: [false, true]
            callbacks:
              - name: n
                chain: panic
                do:
                  - if: f
                    do: [ { emit: seen } ]
            invariants:
              - name: terminates
                terminates: true
            """;
        var after = Before.Replace("emit: seen", "emit: heard", StringComparison.Ordinal);
        var old = ConfigurationTable.Of(ScenarioParser.Parse(Before, "one-step.yaml"), "one-step.yaml", t => t).Split('\n');
        var changed = ConfigurationTable.Of(ScenarioParser.Parse(after, "one-step.yaml"), "one-step.yaml", t => t).Split('\n');
        Assert.Equal(old.Length, changed.Length);
        var differing = Enumerable.Range(0, old.Length).Where(i => old[i] != changed[i]).Select(i => changed[i]).ToList();
        Assert.NotEmpty(differing);
        var scenario = ScenarioParser.Parse(after, "one-step.yaml");
        Assert.All(differing, line => Assert.Contains("f=true", ConfigurationTable.ConfigOf(scenario, line), StringComparison.Ordinal));
    }

    private static string DiffName(string old, string @new) =>
        $"diff/{Path.GetFileNameWithoutExtension(old)}--{Path.GetFileNameWithoutExtension(@new)}.txt";

    [GeneratedRegex(@"^[^\n]*?: \d+ runs, (\d+) configurations with a violation")]
    private static partial Regex Violating();
}
