using PanicPath.Cli;

namespace PanicPath.Cli.Tests;

public class CommandLineErrorTests
{
    [Fact]
    public async Task A_switch_given_true_or_false_is_taken_and_given_anything_else_is_one_line_naming_it()
    {
        var (fine, output, _) = await CliRun.Run("explore", CliRun.Example("merged"), "--json=true");
        var (bad, _, error) = await CliRun.Run("explore", CliRun.Example("merged"), "--json=maybe");

        Assert.Equal(ExitCodes.Findings, fine); // merged.yaml breaks invariants
        Assert.StartsWith("{", output.TrimStart(), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, bad);
        Assert.Equal(["panicpath: --json: expected no value (it is a switch), not 'maybe'", "See 'panicpath explore --help'."], Lines(error));
    }

    [Fact]
    public async Task An_option_given_twice_is_one_line_naming_both_values()
    {
        var (exit, _, error) = await CliRun.Run("explore", CliRun.Example("merged"), "--max-traces", "1", "--max-traces", "2");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal(["panicpath: --max-traces: expected one value, not '1' and '2'", "See 'panicpath explore --help'."], Lines(error));
    }

    [Fact]
    public async Task An_option_without_its_value_says_what_was_expected()
    {
        var (exit, _, error) = await CliRun.Run("explore", CliRun.Example("merged"), "--max-traces");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal(["panicpath: --max-traces: expected a whole number, 0 or more, got nothing", "See 'panicpath explore --help'."], Lines(error));
    }

    [Fact]
    public async Task A_command_group_without_its_command_names_the_commands_it_has()
    {
        var (exit, _, error) = await CliRun.Run("reports");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal(["panicpath: 'panicpath reports' expects a command: list, show, buckets", "See 'panicpath reports --help'."], Lines(error));
    }

    [Fact]
    public async Task An_argument_a_command_does_not_take_is_named()
    {
        var (exit, _, error) = await CliRun.Run("reports", "buckets", "--data", Path.GetTempPath(), "extra");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal(["panicpath: 'extra': unexpected argument of 'panicpath reports buckets'", "See 'panicpath reports buckets --help'."], Lines(error));
    }

    [Fact]
    public async Task A_missing_response_file_is_the_only_line()
    {
        var (exit, _, error) = await CliRun.Run("explore", "@/nonexistent/panicpath.rsp");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Single(Lines(error), l => l.StartsWith("panicpath: ", StringComparison.Ordinal));
        Assert.Contains("/nonexistent/panicpath.rsp", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_name_that_begins_with_a_dash_is_a_file_after_the_dashes()
    {
        var (exit, _, error) = await CliRun.Run("explore", "--", "-no-such-scenario.yaml");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("-no-such-scenario.yaml: expected a readable scenario file", error, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown option", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_has_no_colour_codes()
    {
        var (_, _, error) = await CliRun.Run("explore", "--max-traces", "abc", CliRun.Example("merged"));

        Assert.DoesNotContain("\u001b", error, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
