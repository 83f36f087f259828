using PanicPath.Cli;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Cli;

/// <summary>
/// A data directory on a read-only file system: <c>run</c> can keep nothing there (no spool, slot, channel
/// or store), so it refuses before the command starts, in one line naming the path, exit 125; <c>reports</c>
/// still read the store there.
/// </summary>
public sealed class ReadOnlyDataDirectoryTests
{
    [Fact]
    public async Task Run_refuses_a_read_only_data_directory_naming_it_with_125_before_the_command_starts_and_reports_still_read_it()
    {
        using var temp = new TempDirectory();
        using var disk = SmallDisk.Mount(temp.Sub("data"), "a read-only data directory needs a tmpfs remounted read-only", "16m");
        var (firstExit, _, firstError) = await CliRun.Run("run", "--data", disk.Path, "--dump-type", "1", "--", Crasher.Dotnet, Crasher.Dll, "exit3");
        Assert.True(firstExit == 3, firstError);
        disk.MakeReadOnly();

        var (exit, output, error) = await CliRun.Run("run", "--data", disk.Path, "--dump-type", "1", "--", Crasher.Dotnet, Crasher.Dll, "exit3");

        Assert.Equal(ExitCodes.RunFailed, exit);
        Assert.DoesNotContain("crasher", output, StringComparison.Ordinal);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith($"panicpath: --data: data directory '{disk.Path}' cannot be used: ", line, StringComparison.Ordinal);
        Assert.Contains("Read-only file system", line, StringComparison.Ordinal);

        var (listExit, list, listError) = await CliRun.Run("reports", "list", "--data", disk.Path, "--json");
        Assert.True(listExit == ExitCodes.Fine, listError);
        Assert.Equal(3, Assert.Single(System.Text.Json.JsonDocument.Parse(list).RootElement.GetProperty("deaths").EnumerateArray().ToList()).GetProperty("exitCode").GetInt32());
    }
}
