using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Tests.Scenarios;

/// <summary>Includes written to break the reader: each gets one located error at once, never a hang or a crash.</summary>
public sealed class HostileIncludeTests
{
    /// <summary>The error compiling <paramref name="top"/>, which must come at once: a reader that blocks fails the test instead of hanging it.</summary>
    private static async Task<ScenarioException> Refused(ScenarioFolder folder, string top) =>
        await Assert.ThrowsAsync<ScenarioException>(() => AtOnce(() => folder.Parse(top)));

    /// <summary>Runs <paramref name="parse"/>; a reader still blocked after two minutes fails the test instead of hanging it.</summary>
    private static async Task<Scenario> AtOnce(Func<Scenario> parse)
    {
        var task = Task.Run(parse);
        Assert.True(await Task.WhenAny(task, Task.Delay(TimeSpan.FromMinutes(2))) == task, "the reader blocked");
        return await task;
    }

    [Fact]
    public async Task A_missing_file_is_named_at_its_include_entry()
    {
        using var folder = new ScenarioFolder();
        folder.Write("top.yaml", "include: [a.yaml, nope.yaml]\n");
        folder.Write("a.yaml", "callbacks: []\n");

        var error = await Refused(folder, "top.yaml");

        Assert.Equal($"{folder.Path("top.yaml")}:1:19: expected a readable regular file to include, not '{folder.Path("nope.yaml")}' (No such file or directory)", error.Message);
    }

    [Fact]
    public async Task A_directory_is_refused_at_its_include_entry()
    {
        using var folder = new ScenarioFolder();
        Directory.CreateDirectory(folder.Path("drivers"));
        folder.Write("top.yaml", "include: drivers\n");

        var error = await Refused(folder, "top.yaml");

        Assert.Equal(new SourceLocation(folder.Path("top.yaml"), 1, 10), error.Location);
        Assert.EndsWith("(a directory, not a regular file)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_is_refused_at_once_at_its_include_entry_without_blocking()
    {
        using var folder = new ScenarioFolder();
        folder.Fifo("pipe.yaml");
        folder.Write("top.yaml", "include: pipe.yaml\n");

        var error = await Refused(folder, "top.yaml");

        Assert.Equal(new SourceLocation(folder.Path("top.yaml"), 1, 10), error.Location);
        Assert.EndsWith("(a FIFO, not a regular file)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_given_as_the_scenario_file_is_refused_at_once()
    {
        using var folder = new ScenarioFolder();
        var fifo = folder.Fifo("pipe.yaml");

        var error = await Assert.ThrowsAsync<IOException>(() => AtOnce(() => ScenarioParser.ParseFile(fifo)));

        Assert.Equal("a FIFO, not a regular file", error.Message);
    }

    [Fact]
    public async Task A_device_is_refused_at_its_include_entry_without_reading_it()
    {
        using var folder = new ScenarioFolder();
        folder.Write("top.yaml", "include: /dev/zero\n");

        var error = await Refused(folder, "top.yaml");

        Assert.Equal($"{folder.Path("top.yaml")}:1:10: expected a readable regular file to include, not '/dev/zero' (a character device, not a regular file)", error.Message);
    }

    [Theory]
    [InlineData("include: { path: a.yaml }\n", 1, 10, "an include path (a string), not a mapping")]
    [InlineData("include:\n  - [a.yaml]\n", 2, 5, "an include path (a string), not a list")]
    [InlineData("include: ''\n", 1, 10, "an include path (a string), not an empty value")]
    [InlineData("include:\n  - a.yaml\n  -\n", 3, 4, "an include path (a string), not an empty value")]
    [InlineData("include: \"a.yaml\\0.txt\"\n", 1, 10, "an include path without a NUL character")]
    public async Task An_include_path_that_is_not_a_string_is_refused_where_it_stands(string top, int line, int column, string expected)
    {
        using var folder = new ScenarioFolder();
        folder.Write("top.yaml", top);
        folder.Write("a.yaml", "callbacks: []\n");

        var error = await Refused(folder, "top.yaml");

        Assert.Equal($"{folder.Path("top.yaml")}:{line}:{column}: expected {expected}", error.Message);
    }

    [Fact]
    public async Task More_than_64_files_are_refused_at_the_include_of_the_65th()
    {
        using var folder = new ScenarioFolder();
        for (var i = 1; i <= 64; i++)
        {
            folder.Write($"f{i}.yaml", "callbacks: []\n");
        }

        folder.Write("top.yaml", "include:\n" + string.Concat(Enumerable.Range(1, 64).Select(i => $"  - f{i}.yaml\n")));
        var error = await Refused(folder, "top.yaml");

        Assert.Equal($"{folder.Path("top.yaml")}:65:5: expected at most 64 files in one scenario, the top file and every file it includes", error.Message);
    }

    [Fact]
    public async Task Sixty_four_files_with_the_top_file_compile()
    {
        using var folder = new ScenarioFolder();
        for (var i = 1; i <= 63; i++)
        {
            folder.Write($"f{i}.yaml", "callbacks: []\n");
        }

        folder.Write("top.yaml", "include:\n" + string.Concat(Enumerable.Range(1, 63).Select(i => $"  - f{i}.yaml\n")));

        Assert.NotNull(await AtOnce(() => folder.Parse("top.yaml")));
    }

    [Fact]
    public async Task An_included_file_larger_than_16_MiB_is_refused_at_its_first_line()
    {
        using var folder = new ScenarioFolder();
        folder.Write("big.yaml", "# " + new string('x', ScenarioParser.MaxFileBytes) + "\n");
        folder.Write("top.yaml", "include: big.yaml\n");

        var error = await Refused(folder, "top.yaml");

        Assert.Equal($"{folder.Path("big.yaml")}:1:1: expected a scenario file of at most 16 MiB", error.Message);
    }

    [Fact]
    public async Task The_node_limit_bounds_all_the_files_together()
    {
        // Each file alone expands to about 600 000 nodes, under the limit; both together are over it.
        var levels = "constraints:\n  - &a0 [x, x, x, x, x, x, x, x, x, x]\n"
            + string.Concat(Enumerable.Range(1, 4).Select(i => $"  - &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n"))
            + string.Concat(Enumerable.Repeat("  - *a4\n", 5));
        using var folder = new ScenarioFolder();
        folder.Write("a.yaml", levels);
        folder.Write("b.yaml", levels);
        folder.Write("top.yaml", "include: [a.yaml, b.yaml]\n");
        Assert.DoesNotContain("YAML nodes", Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(levels, "alone.yaml")).Message, StringComparison.Ordinal);

        var error = await Refused(folder, "top.yaml");

        Assert.Equal(folder.Path("b.yaml"), error.Location.File);
        Assert.EndsWith("expected at most 1000000 YAML nodes, aliases expanded, in a scenario and all the files it includes", error.Message, StringComparison.Ordinal);
    }
}
