using PanicPath.Cli;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Cli;

/// <summary>
/// A data or dump directory named by mistake that is shared (<c>--dumps /tmp</c>, <c>--data /etc</c>): open
/// to others and holding files panicpath did not make, it is refused before the command starts, one line
/// naming it, exit 125, its mode and contents as they were; it is never made private. A data directory
/// under a directory another user could change is warned of, naming that directory, and the run goes on.
/// </summary>
public sealed class SharedDirectoryTests
{
    [Fact]
    public async Task Run_under_a_directory_others_can_write_warns_naming_it_and_runs_the_command_and_a_sticky_one_is_not_named()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var temp = new TempDirectory();
        var open = Directory.CreateDirectory(temp.Sub("open")).FullName;
        File.SetUnixFileMode(open, (UnixFileMode)0b111_111_111);
        var sticky = Directory.CreateDirectory(temp.Sub("sticky")).FullName;
        File.SetUnixFileMode(sticky, (UnixFileMode)0b1_111_111_111);

        var (exit, output, error) = await CliRun.Run("run", "--data", Path.Combine(open, "data"), "--dump-type", "1", "--", Crasher.Dotnet, Crasher.Dll, "exit3");
        var (stickyExit, _, stickyError) = await CliRun.Run("run", "--data", Path.Combine(sticky, "data"), "--dump-type", "1", "--", Crasher.Dotnet, Crasher.Dll, "exit3");

        Assert.Equal(3, exit);
        Assert.Contains("crasher exit3", output, StringComparison.Ordinal);
        Assert.Contains($"panicpath: warning: --data: {open}, above the data directory, can be changed by another user (others can write it (mode 777, no sticky bit))", error, StringComparison.Ordinal);
        Assert.Equal(3, stickyExit);
        Assert.DoesNotContain("warning: --data", stickyError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--data")]
    [InlineData("--dumps")]
    public async Task Run_refuses_a_shared_directory_holding_files_it_did_not_make_with_125_naming_it_and_leaves_its_mode(string option)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var temp = new TempDirectory();
        var shared = Directory.CreateDirectory(temp.Sub("tmp")).FullName;
        var sticky = (UnixFileMode)0b1_111_111_111;
        File.SetUnixFileMode(shared, sticky);
        File.WriteAllText(Path.Combine(shared, "someone-elses"), "kept");
        var data = option == "--data" ? shared : temp.Sub("data");
        var dumps = option == "--dumps" ? shared : temp.Sub("dumps");

        var (exit, output, error) = await CliRun.Run("run", "--data", data, "--dumps", dumps, "--dump-type", "1", "--", Crasher.Dotnet, Crasher.Dll, "exit3");

        Assert.Equal(ExitCodes.RunFailed, exit);
        Assert.DoesNotContain("crasher", output, StringComparison.Ordinal);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(shared, line, StringComparison.Ordinal);
        Assert.Contains("is open to others (mode 1777) and holds 'someone-elses'", line, StringComparison.Ordinal);
        Assert.Equal(sticky, File.GetUnixFileMode(shared));
        Assert.Equal([Path.Combine(shared, "someone-elses")], Directory.GetFileSystemEntries(shared));
    }
}
