using System.Text.RegularExpressions;
using PanicPath.Cli.Commands.Rendering;
using PanicPath.TestSupport;

namespace PanicPath.Cli.Tests;

/// <summary>
/// docs/json.md's table of documents lists each schema id the command writes (<see cref="JsonSchemas"/>) and no
/// other, each once, and each id is <c>panicpath.&lt;document&gt;/&lt;version&gt;</c>. What each command prints against that
/// table is checked in the supervisor tests' <c>JsonDocumentTests</c>, which run every command.
/// </summary>
public sealed partial class JsonSchemaDocumentationTests
{
    [Fact]
    public void The_json_page_lists_every_schema_id_the_command_writes_and_no_other()
    {
        var text = File.ReadAllText(Path.Combine(ExampleScenarios.Repository, "docs", "json.md"));
        var documented = Row().Matches(text).Select(m => m.Groups["schema"].Value).ToList();

        Assert.Equal(JsonSchemas.All.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
        Assert.All(JsonSchemas.All, id => Assert.Matches("^panicpath\\.[a-z]+(-[a-z]+)*/[1-9][0-9]*$", id));
        Assert.Equal(JsonSchemas.All.Count, JsonSchemas.All.Select(id => id.Split('/')[0]).Distinct(StringComparer.Ordinal).Count());
    }

    [GeneratedRegex(@"(?m)^\| `panicpath [^`]+` \| `(?<schema>[^`]+)` \|$")]
    private static partial Regex Row();
}
