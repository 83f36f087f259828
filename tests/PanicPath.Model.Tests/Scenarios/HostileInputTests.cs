using PanicPath.Model.Scenarios;
using PanicPath.Model.Scenarios.Expressions;

namespace PanicPath.Model.Tests.Scenarios;

/// <summary>Files written to break the reader: each gets one located error, never a crash.</summary>
public sealed class HostileInputTests
{
    private const int Limit = ExpressionParser.MaxNesting;

    private static string Constraint(string condition) => $"constraints:\n  - \"{condition}\"\n";

    [Fact]
    public void Ten_thousand_nested_parentheses_are_refused_at_the_first_one_past_the_limit()
    {
        var error = Model.Error(Constraint(new string('(', 10_000) + "true" + new string(')', 10_000)));
        Assert.Equal(2, error.Location.Line);
        Assert.Equal(6 + Limit, error.Location.Column);
        Assert.Contains($"an expression nested at most {Limit} deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parentheses_nested_to_the_limit_compile()
    {
        var scenario = Model.Compile(Constraint(new string('(', Limit) + "true" + new string(')', Limit)));
        Assert.Single(scenario.Constraints);
    }

    [Theory]
    [InlineData("!", "true")]
    [InlineData("-", "1 == 0")]
    public void Ten_thousand_prefix_operators_are_refused(string prefix, string rest)
    {
        var error = Model.Error(Constraint(string.Concat(Enumerable.Repeat(prefix, 10_000)) + rest));
        Assert.Equal(2, error.Location.Line);
        Assert.Contains($"an expression nested at most {Limit} deep", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" && ")]
    [InlineData(" || ")]
    [InlineData(" -> ")]
    public void A_chain_of_operators_higher_than_the_limit_is_refused_at_the_operator_that_crosses_it(string op)
    {
        var error = Model.Error(Constraint(string.Join(op, Enumerable.Repeat("true", 10_000))));
        Assert.Contains($"an expression nested at most {Limit} deep", error.Message, StringComparison.Ordinal);
        Assert.Equal(op.Trim()[0], Constraint(string.Join(op, Enumerable.Repeat("true", 10_000))).Split('\n')[1][error.Location.Column - 1]);
    }

    [Fact]
    public void A_chain_of_operators_as_high_as_the_limit_compiles()
    {
        var scenario = Model.Compile(Constraint(string.Join(" && ", Enumerable.Repeat("true", Limit))));
        Assert.Single(scenario.Constraints);
    }

    [Fact]
    public void Ten_thousand_nested_yaml_lists_are_refused_where_the_nesting_crosses_the_limit()
    {
        var error = Model.Error("knobs:\n  arch: " + new string('[', 10_000) + new string(']', 10_000) + "\n");
        Assert.Equal(2, error.Location.Line);
        Assert.Equal(9 + 30, error.Location.Column);
        Assert.Contains("lists and mappings nested at most 32 deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_block_mappings_past_the_limit_are_refused()
    {
        var yaml = "setup:\n" + string.Concat(Enumerable.Range(1, 40).Select(i => new string(' ', 2 * i) + "k:\n")) + new string(' ', 82) + "v\n";
        var error = Model.Error(yaml);
        Assert.Contains("lists and mappings nested at most 32 deep", error.Message, StringComparison.Ordinal);
        Assert.Equal(33, error.Location.Line);
    }

    [Theory]
    [InlineData("knobs:\n  arch: [x86_64] *a\n")]
    [InlineData("features:\n  f: &a [true]\n  g: [false] *a\n")]
    public void An_alias_after_a_flow_list_is_a_located_yaml_error(string yaml)
    {
        var error = Model.Error(yaml);
        var line = yaml.Split('\n').Length - 1;
        Assert.Equal(line, error.Location.Line);
        Assert.Equal(yaml.Split('\n')[line - 1].IndexOf('*', StringComparison.Ordinal) + 1, error.Location.Column);
    }

    [Fact]
    public void An_alias_to_an_undefined_anchor_is_named()
    {
        var error = Model.Error("knobs:\n  arch: *nowhere\n");
        Assert.Equal("test.yaml:2:9: expected an alias to an anchor complete before it; '*nowhere' names none (undefined, or an alias inside the node it names)", error.Message);
    }

    [Fact]
    public void An_alias_inside_the_node_it_names_is_refused_as_a_cycle()
    {
        var error = Model.Error("helpers:\n  h: &loop\n    - if: true\n      do: *loop\n");
        Assert.Equal(4, error.Location.Line);
        Assert.Equal(11, error.Location.Column);
        Assert.Contains("'*loop' names none", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_that_expand_to_more_than_a_million_nodes_are_refused()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 10; i++)
        {
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        }

        var error = Model.Error(string.Join("\n", lines) + "\n");
        Assert.Contains("at most 1000000 YAML nodes, aliases expanded", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, error.Location.Line);
    }

    [Fact]
    public void Aliases_that_nest_past_the_limit_once_expanded_are_refused()
    {
        var deep = new string('[', 20) + new string(']', 20);
        var error = Model.Error($"a: &deep {deep}\nb: [[[[[[[[[[[[[[[[*deep]]]]]]]]]]]]]]]]\n");
        Assert.Equal(2, error.Location.Line);
        Assert.Contains("nested at most 32 deep, aliases expanded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_within_the_limits_compile_as_their_anchors()
    {
        var scenario = Model.Compile("features:\n  a: &both [false, true]\n  b: *both\n");
        Assert.Equal(2, scenario.Explored.Single(v => v.Name == "b").Values.Length);
    }

    [Fact]
    public void A_file_larger_than_16_MiB_is_refused_at_its_first_line_without_being_compiled()
    {
        var path = Path.Combine(Path.GetTempPath(), $"panicpath-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(path, "# " + new string('x', ScenarioParser.MaxFileBytes) + "\n");
            var error = Assert.Throws<ScenarioException>(() => ScenarioParser.ParseFile(path));
            Assert.Equal($"{path}:1:1: expected a scenario file of at most 16 MiB", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
