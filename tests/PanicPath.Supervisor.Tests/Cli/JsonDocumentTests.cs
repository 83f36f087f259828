using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PanicPath.Cli;
using PanicPath.Supervisor.Tests.Support;
using PanicPath.TestSupport;

namespace PanicPath.Supervisor.Tests.Cli;

/// <summary>
/// Every command that has <c>--json</c> (found by walking the command tree, so one added later fails here until it is
/// run here and documented) prints one document that parses, opens with <c>"schema"</c> holding the id docs/json.md
/// lists for that command line, and names every property in camelCase, anywhere in the document, except the keys of
/// the data-key maps docs/json.md lists (a configuration's knob names keep the kernel's spelling).
/// </summary>
public sealed partial class JsonDocumentTests
{
    /// <summary>The properties docs/json.md lists as data-key maps: <c>config</c>, and each object of <c>configurations</c>.</summary>
    private const string ConfigMap = "config";
    private const string ConfigurationList = "configurations";

    [Fact]
    public async Task Every_command_with_json_prints_one_document_opening_with_its_documented_schema_and_only_camelCase_property_names()
    {
        using var temp = new TempDirectory();
        var data = temp.Sub("data");
        var documented = Documented();
        string Example(string name) => ExampleScenarios.File(name);

        // The demo records a real death (in-process report, notifiers, dump) for the reports commands to print.
        var (demoExit, demo, demoError) = await CliRun.Run("demo", "--data", data, "--json");
        Assert.True(demoExit == ExitCodes.Fine, demoError);
        var id = JsonDocument.Parse(demo).RootElement.GetProperty("record").GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);

        (string Line, string[] Args)[] runs =
        [
            ("explore FILE --json", ["explore", Example("unload-wait-time"), "--json"]),
            ("explore FILE --json --all-traces", ["explore", Example("unload-wait-time"), "--json", "--all-traces"]),
            ("explore FILE FILE… --json", ["explore", Example("unload-response"), Example("unload-wait-time"), "--json"]),
            ("trace FILE --config … --json", ["trace", Example("unload-wait-time"), "--config", "host_answers_unload=false", "--json"]),
            ("diff OLD NEW --json", ["diff", Example("unload-response"), Example("unload-wait-time"), "--json", "--list"]),
            ("kernel list --json", ["kernel", "list", "--json"]),
            ("reports list --json", ["reports", "list", "--data", data, "--json"]),
            ("reports show ID --json", ["reports", "show", id, "--data", data, "--json"]),
            ("reports buckets --json", ["reports", "buckets", "--data", data, "--json"]),
        ];

        var failures = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var outputs = new List<(string Line, string Output)> { ("demo --json", demo) };
        foreach (var (line, args) in runs)
        {
            var (exit, output, error) = await CliRun.Run(args);
            Assert.True(exit is ExitCodes.Fine or ExitCodes.Findings, $"{line}: exit {exit}: {error}");
            outputs.Add((line, output));
        }

        foreach (var (line, output) in outputs)
        {
            if (!documented.TryGetValue(line, out var schema))
            {
                failures.Add($"{line}: not in docs/json.md's table");
                continue;
            }

            using var document = JsonDocument.Parse(output);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.EnumerateObject().FirstOrDefault() is not { Name: "schema" } first)
            {
                failures.Add($"{line}: the document does not open with \"schema\"");
                continue;
            }

            if (first.Value.GetString() != schema)
            {
                failures.Add($"{line}: schema {first.Value} but docs/json.md says {schema}");
            }

            Walk(root, line, documented.Values.ToHashSet(StringComparer.Ordinal), dataKeys: false, failures, names);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} problems:\n{string.Join('\n', failures.Take(20))}");

        // The documents walked hold the names that were snake_case before, and the data keys that stay so.
        Assert.Superset(new HashSet<string> { "timeUs", "newlyViolated", "onlyIn", "runId", "exitCode", "firstSeen", "notifiers", "host_answers_unload" }, names);

        // Every command that has --json was run above (or is the demo).
        var withJson = Commands(PanicPathCommand.Create(), []).Where(c => c.Command.Options.Any(o => o.Name == "--json")).Select(c => string.Join(' ', c.Path)).Order(StringComparer.Ordinal);
        var ran = outputs.Select(o => Path(o.Line)).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(withJson, ran);
    }

    /// <summary>Checks every property name under <paramref name="element"/>; <paramref name="dataKeys"/>: its own keys are data.</summary>
    private static void Walk(JsonElement element, string where, HashSet<string> schemas, bool dataKeys, List<string> failures, HashSet<string> names)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, $"{where}[{index++}]", schemas, dataKeys, failures, names);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var position = 0;
        foreach (var property in element.EnumerateObject())
        {
            names.Add(property.Name);
            if (!dataKeys && !CamelCase().IsMatch(property.Name))
            {
                failures.Add($"{where}.{property.Name}: not camelCase");
            }

            if (!dataKeys && property.Name == "schema" && (position != 0 || !schemas.Contains(property.Value.GetString() ?? string.Empty)))
            {
                failures.Add($"{where}.schema: '{property.Value}' at position {position}: a schema is its object's first property and an id docs/json.md lists");
            }

            if (property.Name == ConfigurationList && property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var map in property.Value.EnumerateArray())
                {
                    Walk(map, $"{where}.{property.Name}[]", schemas, dataKeys: true, failures, names);
                }
            }
            else
            {
                Walk(property.Value, $"{where}.{property.Name}", schemas, dataKeys: property.Name == ConfigMap, failures, names);
            }

            position++;
        }
    }

    /// <summary>docs/json.md's table: each command line (without <c>panicpath </c>) and its schema id.</summary>
    private static Dictionary<string, string> Documented()
    {
        var text = File.ReadAllText(System.IO.Path.Combine(ExampleScenarios.Repository, "docs", "json.md"));
        var rows = Row().Matches(text).ToDictionary(m => m.Groups["line"].Value, m => m.Groups["schema"].Value, StringComparer.Ordinal);
        Assert.NotEmpty(rows);
        return rows;
    }

    /// <summary>The command a documented line runs: its words before the first upper-case or option word.</summary>
    private static string Path(string line) => string.Join(' ', line.Split(' ').TakeWhile(w => w.All(char.IsAsciiLetterLower)));

    private static IEnumerable<(IReadOnlyList<string> Path, Command Command)> Commands(Command command, IReadOnlyList<string> path)
    {
        yield return (path, command);
        foreach (var sub in command.Subcommands)
        {
            foreach (var found in Commands(sub, [.. path, sub.Name]))
            {
                yield return found;
            }
        }
    }

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex CamelCase();

    [GeneratedRegex(@"(?m)^\| `panicpath (?<line>[^`]+)` \| `(?<schema>panicpath\.[a-z-]+/[0-9]+)` \|$")]
    private static partial Regex Row();
}
