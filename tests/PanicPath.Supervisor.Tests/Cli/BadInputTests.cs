using PanicPath.Cli;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Cli;

public sealed class BadInputTests
{
    [Fact]
    public async Task Show_of_an_unknown_id_is_bad_input_naming_the_id()
    {
        using var temp = new TempDirectory();
        var (exit, _, error) = await CliRun.Run("reports", "show", "99", "--data", temp.Path);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("no death with id 99", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_of_an_id_that_is_not_a_number_is_bad_input()
    {
        using var temp = new TempDirectory();
        var (exit, _, error) = await CliRun.Run("reports", "show", "abc", "--data", temp.Path);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("abc", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("list")]
    [InlineData("buckets")]
    public async Task A_data_directory_that_is_a_file_is_bad_input_naming_data(string subcommand)
    {
        using var temp = new TempDirectory();
        var file = temp.Sub("file");
        File.WriteAllText(file, "x");

        var (exit, _, error) = await CliRun.Run("reports", subcommand, "--data", file);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("--data", error, StringComparison.Ordinal);
        Assert.Contains(file, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_a_data_directory_that_is_a_file_is_bad_input_and_runs_nothing()
    {
        using var temp = new TempDirectory();
        var file = temp.Sub("file");
        File.WriteAllText(file, "x");

        var (exit, output, error) = await CliRun.Run("run", "--data", file, "--", Crasher.Dotnet, Crasher.Dll, "exit3");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("--data", error, StringComparison.Ordinal);
        Assert.DoesNotContain("crasher", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--restart", "sometimes")]
    [InlineData("--max-restarts", "-1")]
    [InlineData("--tail-lines", "-5")]
    [InlineData("--dump-type", "7")]
    [InlineData("--backoff", "-1")]
    public async Task Run_with_a_bad_option_value_is_bad_input_naming_the_option(string option, string value)
    {
        using var temp = new TempDirectory();
        var (exit, output, error) = await CliRun.Run("run", "--data", temp.Path, option, value, "--", Crasher.Dotnet, Crasher.Dll, "exit3");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains(option, error, StringComparison.Ordinal);
        Assert.DoesNotContain("crasher", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_without_a_command_is_bad_input()
    {
        using var temp = new TempDirectory();
        var (exit, _, error) = await CliRun.Run("run", "--data", temp.Path);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("command", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_of_a_command_that_cannot_start_is_bad_input_naming_it()
    {
        using var temp = new TempDirectory();
        var missing = temp.Sub("no-such-program");

        var (exit, _, error) = await CliRun.Run("run", "--data", temp.Path, "--", missing);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }
}
