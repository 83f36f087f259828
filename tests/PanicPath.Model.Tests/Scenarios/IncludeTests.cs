using PanicPath.Model.Explorer;
using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Tests.Scenarios;

/// <summary><c>include:</c>: the order files are merged in, include guards, cycles, and errors that name the file they are in.</summary>
public sealed class IncludeTests
{
    private static string Callback(string name, string extra = "") => $"""
          - name: {name}
            chain: panic
            do: [{"{"} emit: {name}_ran {"}"}]{extra}

        """;

    /// <summary>The callbacks the panic chain calls, in the order it calls them, in the run of the default configuration.</summary>
    private static List<string> PanicOrder(Scenario scenario) =>
        ScenarioExplorer.Trace(scenario, string.Empty).Trace
            .Where(s => s.Chain == "panic" && s.Callback.Length > 0)
            .Select(s => s.Callback).Distinct().ToList();

    [Fact]
    public void Included_sections_come_first_in_the_order_listed_depth_first_then_the_including_file()
    {
        using var folder = new ScenarioFolder();
        folder.Write("top.yaml", "include: [a.yaml, b.yaml]\ncallbacks:\n" + Callback("top_cb"));
        folder.Write("a.yaml", "include: sub/c.yaml\ncallbacks:\n" + Callback("a_cb"));
        folder.Write("b.yaml", "callbacks:\n" + Callback("b_cb"));
        folder.Write("sub/c.yaml", "callbacks:\n" + Callback("c_cb"));

        // Equal priorities run in registration order: the order of the merged list.
        Assert.Equal(["c_cb", "a_cb", "b_cb", "top_cb"], PanicOrder(folder.Parse("top.yaml")));
    }

    [Fact]
    public void A_path_is_relative_to_the_directory_of_the_file_that_includes_it()
    {
        using var folder = new ScenarioFolder();
        folder.Write("top.yaml", "include: drivers/a.yaml\n");
        folder.Write("drivers/a.yaml", "include: ../platform/p.yaml\ncallbacks:\n" + Callback("a_cb"));
        folder.Write("platform/p.yaml", "callbacks:\n" + Callback("p_cb"));

        Assert.Equal(["p_cb", "a_cb"], PanicOrder(folder.Parse("top.yaml")));
    }

    [Fact]
    public void A_scenario_compiled_from_text_includes_relative_to_the_directory_of_its_name()
    {
        using var folder = new ScenarioFolder();
        folder.Write("a.yaml", "callbacks:\n" + Callback("a_cb"));

        var scenario = ScenarioParser.Parse("include: a.yaml\n", folder.Path("not-on-disk.yaml"));

        Assert.Equal(["a_cb"], PanicOrder(scenario));
    }

    [Fact]
    public void A_file_included_by_two_routes_is_read_once()
    {
        using var folder = new ScenarioFolder();
        folder.Write("top.yaml", "include: [a.yaml, b.yaml]\ncallbacks:\n" + Callback("top_cb"));
        folder.Write("a.yaml", "include: common.yaml\ncallbacks:\n" + Callback("a_cb"));
        folder.Write("b.yaml", "include: ./common.yaml\ncallbacks:\n" + Callback("b_cb"));
        folder.Write("common.yaml", "state:\n  shared: false\nlocks: [l]\ncallbacks:\n" + Callback("common_cb"));

        var scenario = folder.Parse("top.yaml");

        Assert.Equal(["common_cb", "a_cb", "b_cb", "top_cb"], PanicOrder(scenario));
        Assert.Single(scenario.Variables, v => v.Name == "shared");
    }

    [Fact]
    public void A_file_named_twice_through_a_symbolic_link_is_read_once()
    {
        using var folder = new ScenarioFolder();
        folder.Write("top.yaml", "include: [common.yaml, alias.yaml]\n");
        folder.Write("common.yaml", "callbacks:\n" + Callback("common_cb"));
        File.CreateSymbolicLink(folder.Path("alias.yaml"), folder.Path("common.yaml"));

        Assert.Equal(["common_cb"], PanicOrder(folder.Parse("top.yaml")));
    }

    [Fact]
    public void A_knob_written_in_an_included_file_names_that_file_in_the_trace()
    {
        using var folder = new ScenarioFolder();
        folder.Write("top.yaml", "include: admin.yaml\nafter-boot:\n  - set: panic_timeout = 5\n");
        folder.Write("admin.yaml", "\nafter-boot:\n  - set: panic_timeout = 10\n");

        var steps = ScenarioExplorer.Trace(folder.Parse("top.yaml"), string.Empty).Trace.Select(s => s.Action).Where(a => a.StartsWith("set panic_timeout", StringComparison.Ordinal));

        Assert.Equal([$"set panic_timeout (line 3 of {folder.Path("admin.yaml")})", "set panic_timeout (line 3)"], steps);
    }

    [Fact]
    public void A_cycle_is_refused_at_the_include_that_closes_it_naming_the_chain()
    {
        using var folder = new ScenarioFolder();
        folder.Write("top.yaml", "include: a.yaml\n");
        folder.Write("a.yaml", "include: b.yaml\n");
        folder.Write("b.yaml", "callbacks: []\ninclude:\n  - a.yaml\n");

        var error = folder.Error("top.yaml");

        Assert.Equal(new SourceLocation(folder.Path("b.yaml"), 3, 5), error.Location);
        Assert.EndsWith(
            $"'a.yaml' closes one: {folder.Path("top.yaml")} -> {folder.Path("a.yaml")} -> {folder.Path("b.yaml")} -> {folder.Path("a.yaml")}",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_includes_itself_is_a_cycle()
    {
        using var folder = new ScenarioFolder();
        folder.Write("top.yaml", "include: [top.yaml]\n");

        var error = folder.Error("top.yaml");

        Assert.Equal(new SourceLocation(folder.Path("top.yaml"), 1, 11), error.Location);
        Assert.Contains("includes without a cycle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_in_an_included_file_names_that_file_line_and_column()
    {
        using var folder = new ScenarioFolder();
        folder.Write("top.yaml", "include: a.yaml\ncallbacks:\n" + Callback("top_cb"));
        folder.Write("a.yaml", "features:\n  fb: [true, false]\ncallbacks:\n  - name: a_cb\n    chain: panic\n    if: fb && nothere\n");

        var error = folder.Error("top.yaml");

        Assert.Equal($"{folder.Path("a.yaml")}:6:15: expected a known name (a knob, feature, state, builtin or declared value), not 'nothere'", error.Message);
    }

    [Fact]
    public void A_section_of_the_wrong_shape_in_an_included_file_is_refused_where_it_stands()
    {
        using var folder = new ScenarioFolder();
        folder.Write("top.yaml", "include: a.yaml\ncallbacks:\n" + Callback("top_cb"));
        folder.Write("a.yaml", "\ncallbacks: { name: a_cb }\n");

        var error = folder.Error("top.yaml");

        Assert.Equal(new SourceLocation(folder.Path("a.yaml"), 2, 12), error.Location);
        Assert.Contains("a list of callbacks, not a mapping", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_in_an_included_file_is_named_there()
    {
        using var folder = new ScenarioFolder();
        folder.Write("top.yaml", "include: a.yaml\n");
        folder.Write("a.yaml", "callback: []\n");

        Assert.StartsWith($"{folder.Path("a.yaml")}:1:1: expected one of the keys", folder.Error("top.yaml").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("callbacks:\n  - name: dup\n    chain: panic\n", "callbacks:\n  - name: dup\n    chain: die\n", 2, 5, "a new callback name; 'dup' is already declared at {a}:2:5")]
    [InlineData("helpers:\n  dup: []\n", "helpers:\n  dup: []\n", 2, 3, "a new helper name; 'dup' is already declared at {a}:2:3")]
    [InlineData("state:\n  dup: false\n", "state:\n  dup: true\n", 2, 3, "a new state name; 'dup' is already declared at {a}:2:3")]
    [InlineData("locks: [dup]\n", "locks:\n  - dup\n", 2, 5, "a new lock name; 'dup' is already declared at {a}:1:9")]
    [InlineData("invariants:\n  - name: dup\n    terminates: true\n", "invariants:\n  - name: dup\n    terminates: true\n", 2, 5, "a new invariant name; 'dup' is already declared at {a}:2:5")]
    [InlineData("knobs:\n  arch: [x86_64]\n", "knobs:\n  arch: [arm64]\n", 2, 3, "each knob explored once; 'arch' is already explored at {a}:2:3")]
    [InlineData("features:\n  dup: [true]\n", "features:\n  dup: [false]\n", 2, 3, "a new feature name; 'dup' is already declared at {a}:2:3")]
    [InlineData("state:\n  dup: false\n", "helpers:\n  dup: []\n", 2, 3, "a new name for the helper; 'dup' is already declared as a state at {a}:2:3")]
    [InlineData("features:\n  dup: [true]\n", "state:\n  dup: true\n", 2, 3, "a new name for the state; 'dup' is already declared as a feature at {a}:2:3")]
    [InlineData("locks: [dup]\n", "state:\n  dup: false\n", 2, 3, "a new name for the state; 'dup' is already declared as a lock at {a}:1:9")]
    public void A_name_declared_in_two_files_is_refused_at_the_second_naming_the_first(string first, string second, int line, int column, string expected)
    {
        using var folder = new ScenarioFolder();
        folder.Write("top.yaml", "include: a.yaml\n" + second);
        folder.Write("a.yaml", first);

        var error = folder.Error("top.yaml");

        Assert.Equal(new SourceLocation(folder.Path("top.yaml"), line + 1, column), error.Location);
        Assert.Equal("expected " + expected.Replace("{a}", folder.Path("a.yaml"), StringComparison.Ordinal), error.Message[(error.Location.ToString().Length + 2)..]);
    }

    [Fact]
    public void A_clash_across_sections_is_refused_at_the_declaration_written_later_whatever_order_sections_compile_in()
    {
        // State compiles before locks, helpers and callbacks; the error still goes to the state, written last.
        var error = Model.Error("locks: [l]\nhelpers:\n  h: []\nstate:\n  l: false\n");
        Assert.Equal("test.yaml:5:3: expected a new name for the state; 'l' is already declared as a lock at test.yaml:1:9", error.Message);
    }

    [Fact]
    public void A_name_declared_twice_in_one_file_names_the_first_too()
    {
        var error = Model.Error("state:\n  s: false\nhelpers:\n  s: []\n");
        Assert.Equal("test.yaml:4:3: expected a new name for the helper; 's' is already declared as a state at test.yaml:2:3", error.Message);
    }

    [Fact]
    public void A_callback_may_bear_the_name_of_the_helper_it_calls()
    {
        var scenario = Model.Compile("helpers:\n  unload: []\ncallbacks:\n  - name: unload\n    chain: panic\n    do: [{ call: unload }]\n");
        Assert.Equal("unload", Assert.Single(scenario.Callbacks).Name);
    }

    [Fact]
    public void A_declaration_named_like_a_kernel_knob_is_refused()
    {
        var error = Model.Error("locks: [panic_timeout]\n");
        Assert.Equal("test.yaml:1:9: expected a new name for the lock; 'panic_timeout' is the kernel's knob 'panic_timeout'", error.Message);
    }

    [Theory]
    [InlineData("kernel: mainline-6.1\n", "kernel: mainline-5.18\n", "'kernel' as the top file has it, mainline-6.1 (at {top}:1:9), not 'mainline-5.18'")]
    [InlineData("", "kernel: series-v1\n", "'kernel' as the top file has it, mainline-6.12 (the default, as {top} gives none), not 'series-v1'")]
    [InlineData("cpus: 4\n", "cpus: 2\n", "'cpus' as the top file has it, 4 (at {top}:1:7), not '2'")]
    [InlineData("", "cpus: 3\n", "'cpus' as the top file has it, 2 (the default, as {top} gives none), not '3'")]
    [InlineData("entry: [panic, oops]\n", "entry: panic\n", "'entry' as the top file has it, panic, oops (at {top}:1:8), not 'panic'")]
    [InlineData("scenario: whole\n", "scenario: part\n", "'scenario' as the top file has it, whole (at {top}:1:11), not 'part'")]
    public void A_top_file_value_repeated_differently_in_an_included_file_is_refused_naming_both(string top, string included, string expected)
    {
        using var folder = new ScenarioFolder();
        folder.Write("top.yaml", top + "include: a.yaml\n");
        folder.Write("a.yaml", "\n" + included);

        var error = folder.Error("top.yaml");

        Assert.Equal(folder.Path("a.yaml"), error.Location.File);
        Assert.Equal(2, error.Location.Line);
        Assert.Equal(
            "expected " + expected.Replace("{top}", folder.Path("top.yaml"), StringComparison.Ordinal) + $": '{included.Split(':')[0]}' belongs to the top file",
            error.Message[(error.Location.ToString().Length + 2)..]);
    }

    [Theory]
    [InlineData("kernel: mainline-6.12\n", "kernel: mainline\n")]
    [InlineData("", "kernel: mainline-6.12\ncpus: 2\nentry: panic\n")]
    [InlineData("entry: [oops, panic]\n", "entry: [panic, oops, panic]\n")]
    [InlineData("scenario: whole\n", "scenario: whole\n")]
    public void A_top_file_value_repeated_alike_in_an_included_file_is_accepted(string top, string included)
    {
        using var folder = new ScenarioFolder();
        folder.Write("top.yaml", top + "include: a.yaml\n");
        folder.Write("a.yaml", included);

        Assert.NotNull(folder.Parse("top.yaml"));
    }

    [Fact]
    public void Only_the_top_files_scalars_are_compiled()
    {
        using var folder = new ScenarioFolder();
        folder.Write("top.yaml", "scenario: whole\ncpus: 1\nentry: [panic, oops]\ninclude: a.yaml\n");
        folder.Write("a.yaml", "scenario: whole\ncpus: 1\n");

        var scenario = folder.Parse("top.yaml");

        Assert.Equal(("whole", 1, 2), (scenario.Name, scenario.Cpus, scenario.Entries.Count));
    }
}
