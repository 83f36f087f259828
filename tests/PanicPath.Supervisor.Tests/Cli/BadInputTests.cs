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
    public async Task Run_with_a_data_directory_that_is_a_file_exits_125_naming_data_and_runs_nothing()
    {
        using var temp = new TempDirectory();
        var file = temp.Sub("file");
        File.WriteAllText(file, "x");

        var (exit, output, error) = await CliRun.Run("run", "--data", file, "--", Crasher.Dotnet, Crasher.Dll, "exit3");

        Assert.Equal(ExitCodes.RunFailed, exit);
        Assert.Contains("--data", error, StringComparison.Ordinal);
        Assert.DoesNotContain("crasher", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--restart", "sometimes", "expected one of never, on-failure, always, not 'sometimes'")]
    [InlineData("--max-restarts", "-1", "expected a whole number, 0 or more, not '-1'")]
    [InlineData("--tail-lines", "-5", "expected a whole number from 0 to 100000, not '-5'")]
    [InlineData("--dump-type", "7", "expected a whole number from 1 to 4, not '7'")]
    [InlineData("--dump-type", "x", "expected a whole number from 1 to 4, not 'x'")]
    [InlineData("--backoff", "-1", "expected a number of seconds from 0 to 3600, not '-1'")]
    [InlineData("--backoff", "abc", "expected a number of seconds from 0 to 3600, not 'abc'")]
    [InlineData("--hang-timeout", "abc", "expected a number of seconds from 0.1 to 86400, not 'abc'")]
    [InlineData("--max-restarts", "abc", "expected a whole number, 0 or more, not 'abc'")]
    [InlineData("--tail-lines", "abc", "expected a whole number from 0 to 100000, not 'abc'")]
    public async Task Run_with_a_bad_option_value_exits_125_with_one_line_naming_the_option_the_value_and_what_is_expected(string option, string value, string expected)
    {
        using var temp = new TempDirectory();
        var (exit, output, error) = await CliRun.Run("run", "--data", temp.Path, option, value, "--", Crasher.Dotnet, Crasher.Dll, "exit3");

        Assert.Equal(ExitCodes.RunFailed, exit);
        Assert.Equal([$"panicpath: {option}: {expected}", "See 'panicpath run --help'."], error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.DoesNotContain("crasher", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_list_with_a_limit_that_is_not_a_number_is_one_line_and_exit_2()
    {
        using var temp = new TempDirectory();
        var (exit, _, error) = await CliRun.Run("reports", "list", "--data", temp.Path, "--limit", "abc");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal(["panicpath: --limit: expected a whole number, 1 or more, not 'abc'", "See 'panicpath reports list --help'."], error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Run_without_a_command_exits_125_saying_what_is_expected()
    {
        using var temp = new TempDirectory();
        var (exit, _, error) = await CliRun.Run("run", "--data", temp.Path);

        Assert.Equal(ExitCodes.RunFailed, exit);
        Assert.Contains("command: expected the program to run and its arguments, after --, got nothing", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_of_an_empty_command_exits_125_naming_it_without_a_stack_trace()
    {
        using var temp = new TempDirectory();
        var (exit, _, error) = await CliRun.Run("run", "--data", temp.Path, "--", "");

        Assert.Equal(ExitCodes.RunFailed, exit);
        Assert.Contains("panicpath: command: expected a program's name or path, not ''", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_an_unknown_option_before_the_dashes_exits_125_and_does_not_run_it_as_the_command()
    {
        using var temp = new TempDirectory();
        var (exit, output, error) = await CliRun.Run("run", "--data", temp.Path, "--no-such-option", "--", Crasher.Dotnet, Crasher.Dll, "exit3");

        Assert.Equal(ExitCodes.RunFailed, exit);
        Assert.StartsWith("panicpath: --no-such-option: unknown option of 'panicpath run'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("crasher", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_passes_what_looks_like_an_option_after_the_dashes_to_the_command()
    {
        using var temp = new TempDirectory();
        var (exit, _, error) = await CliRun.Run("run", "--data", temp.Path, "--", Crasher.Dotnet, Crasher.Dll, "--no-such-option");

        Assert.Equal(2, exit); // the crasher's own usage error, mirrored
        Assert.Contains("usage: Crashers", error, StringComparison.Ordinal);
        Assert.Contains("recorded death 1: exit-code, exit code 2", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_of_a_command_that_does_not_exist_exits_127_naming_it()
    {
        using var temp = new TempDirectory();
        var missing = temp.Sub("no-such-program");

        var (exit, _, error) = await CliRun.Run("run", "--data", temp.Path, "--", missing);

        Assert.Equal(ExitCodes.NotFound, exit);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_of_a_command_not_on_the_path_exits_127()
    {
        using var temp = new TempDirectory();
        var (exit, _, error) = await CliRun.Run("run", "--data", temp.Path, "--", "panicpath-no-such-command");

        Assert.Equal(ExitCodes.NotFound, exit);
        Assert.Contains("panicpath-no-such-command", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_of_a_file_that_is_not_executable_exits_126_naming_it()
    {
        using var temp = new TempDirectory();
        var script = temp.Sub("not-executable.sh");
        File.WriteAllText(script, "#!/bin/sh\necho ran\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var (exit, output, error) = await CliRun.Run("run", "--data", temp.Sub("data"), "--", script);

        Assert.Equal(ExitCodes.CannotExecute, exit);
        Assert.Contains(script, error, StringComparison.Ordinal);
        Assert.DoesNotContain("ran", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_of_a_directory_exits_126_naming_it()
    {
        using var temp = new TempDirectory();
        var (exit, _, error) = await CliRun.Run("run", "--data", temp.Sub("data"), "--", temp.Path);

        Assert.Equal(ExitCodes.CannotExecute, exit);
        Assert.Contains(temp.Path, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("spool")]
    public async Task Run_whose_own_directory_cannot_be_made_exits_125_naming_that_path_and_runs_nothing(string name)
    {
        using var temp = new TempDirectory();
        var (made, _, _) = await CliRun.Run("run", "--data", temp.Path, "--", Crasher.Dotnet, Crasher.Dll, "exit3");
        Assert.Equal(3, made);
        var blocker = temp.Sub(name);
        Directory.Delete(blocker, recursive: true);
        File.WriteAllText(blocker, "in the way");

        var (exit, output, error) = await CliRun.Run("run", "--data", temp.Path, "--", Crasher.Dotnet, Crasher.Dll, "exit3");

        Assert.Equal(ExitCodes.RunFailed, exit);
        Assert.Contains($"panicpath: run could not prepare its files: ", error, StringComparison.Ordinal);
        Assert.Contains(blocker, error, StringComparison.Ordinal);
        Assert.DoesNotContain("--dumps", error, StringComparison.Ordinal);
        Assert.DoesNotContain("crasher", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_whose_channel_directory_cannot_be_made_names_that_path_and_runs_the_command_with_the_spool_alone()
    {
        using var temp = new TempDirectory();
        var blocker = temp.Sub("channel");
        File.WriteAllText(blocker, "in the way");

        var (exit, output, error) = await CliRun.Run("run", "--data", temp.Path, "--", Crasher.Dotnet, Crasher.Dll, "exit3");

        Assert.Equal(3, exit);
        Assert.Contains($"panicpath: no report channel ({blocker}: is a regular file, not a directory; refusing it); reports come through the spool", error, StringComparison.Ordinal);
        Assert.Contains("crasher", output, StringComparison.Ordinal);
        Assert.Equal("in the way", File.ReadAllText(blocker));
    }

    [Fact]
    public async Task Run_whose_dump_directory_cannot_be_made_exits_125_naming_it()
    {
        using var temp = new TempDirectory();
        var file = temp.Sub("file");
        File.WriteAllText(file, "x");

        var (exit, output, error) = await CliRun.Run("run", "--data", temp.Sub("data"), "--dumps", Path.Combine(file, "dumps"), "--", Crasher.Dotnet, Crasher.Dll, "exit3");

        Assert.Equal(ExitCodes.RunFailed, exit);
        Assert.Contains(file, error, StringComparison.Ordinal);
        Assert.DoesNotContain("crasher", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("explore", "files")]
    [InlineData("trace", "file")]
    [InlineData("diff", "old")]
    public async Task A_scenario_path_that_is_a_directory_says_so(string command, string argument)
    {
        using var temp = new TempDirectory();
        var (exit, _, error) = await CliRun.Run(command == "diff" ? [command, temp.Path, temp.Path] : [command, temp.Path]);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.StartsWith($"panicpath: {argument}: expected a scenario file (YAML), not the directory '{temp.Path}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_directory_that_is_a_file_says_so()
    {
        using var temp = new TempDirectory();
        var file = temp.Sub("file");
        File.WriteAllText(file, "x");

        var (exit, _, error) = await CliRun.Run("reports", "list", "--data", file);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.StartsWith($"panicpath: --data: expected a directory, not the file '{file}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_of_explore_is_reported_as_an_option_not_as_a_missing_file()
    {
        using var temp = new TempDirectory();
        var (exit, _, error) = await CliRun.Run("explore", "--no-such-option", temp.Sub("x.yaml"));

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.StartsWith("panicpath: --no-such-option: unknown option of 'panicpath explore'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("readable", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Max_traces_that_is_not_a_number_does_not_name_a_type()
    {
        using var temp = new TempDirectory();
        var (exit, _, error) = await CliRun.Run("explore", "--max-traces", "abc", temp.Sub("x.yaml"));

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.StartsWith("panicpath: --max-traces: expected a whole number, 0 or more, not 'abc'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
    }
}
