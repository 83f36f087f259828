using PanicPath.Cli;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Cli;

/// <summary>
/// <c>reports</c> only reads, but it refuses what <c>run</c> refuses: a data directory that is a symbolic
/// link or another user's, and a store file or journal that is a symbolic link or another user's, each in
/// one line naming the path, exit 2, nothing read through it and nothing changed. Where there is no store it
/// creates none and changes nothing, whatever directory it was pointed at.
/// </summary>
public sealed class ReportsRefusalTests
{
    [Fact]
    public async Task Reports_pointed_at_a_directory_without_a_store_create_nothing_there_leave_its_mode_and_say_nothing_is_recorded()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var temp = new TempDirectory();
        var shared = Directory.CreateDirectory(temp.Sub("shared")).FullName;
        var open = (UnixFileMode)0b111_101_101;
        File.SetUnixFileMode(shared, open);
        File.WriteAllText(Path.Combine(shared, "config"), "kept");

        var (listExit, list, listError) = await CliRun.Run("reports", "list", "--data", shared, "--json");
        var (bucketsExit, _, _) = await CliRun.Run("reports", "buckets", "--data", shared);
        var (showExit, _, showError) = await CliRun.Run("reports", "show", "1", "--data", shared);

        Assert.True(listExit == ExitCodes.Fine, listError);
        Assert.Equal(0, System.Text.Json.JsonDocument.Parse(list).RootElement.GetProperty("deaths").GetArrayLength());
        Assert.Contains($"no store at {Path.Combine(shared, DataDirectory.DatabaseFileName)}", Assert.Single(Lines(listError)), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Fine, bucketsExit);
        Assert.Equal(ExitCodes.BadInput, showExit);
        Assert.Contains("no death with id 1", showError, StringComparison.Ordinal);
        Assert.Equal(open, File.GetUnixFileMode(shared));
        Assert.Equal([Path.Combine(shared, "config")], Directory.GetFileSystemEntries(shared));
    }

    [Fact]
    public async Task Reports_pointed_at_a_directory_that_does_not_exist_create_nothing()
    {
        using var temp = new TempDirectory();
        var missing = Path.Combine(temp.Sub("no"), "such", "data");

        var (exit, list, error) = await CliRun.Run("reports", "list", "--data", missing, "--json");

        Assert.True(exit == ExitCodes.Fine, error);
        Assert.Equal(0, System.Text.Json.JsonDocument.Parse(list).RootElement.GetProperty("deaths").GetArrayLength());
        Assert.False(Directory.Exists(temp.Sub("no")), "reports made the directory it was pointed at");
    }

    [Fact]
    public async Task Reports_refuse_a_data_directory_that_is_a_symbolic_link_naming_it_and_read_no_store_behind_it()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var temp = new TempDirectory();
        await RecordOneDeath(temp);
        var link = temp.Sub("link");
        File.CreateSymbolicLink(link, temp.Sub("data"));

        foreach (var command in new[] { new[] { "list" }, ["show", "1"], ["buckets"] })
        {
            var (exit, output, error) = await CliRun.Run(["reports", .. command, "--data", link]);

            Assert.Equal(ExitCodes.BadInput, exit);
            Assert.Empty(output);
            var line = Assert.Single(Lines(error));
            Assert.Contains($"'{link}'", line, StringComparison.Ordinal);
            Assert.Contains("is a symbolic link", line, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("-wal")]
    [InlineData("-shm")]
    public async Task Reports_refuse_a_store_file_or_journal_that_is_a_symbolic_link_naming_it_and_read_nothing_through_it(string suffix)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var temp = new TempDirectory();
        await RecordOneDeath(temp);
        var file = Path.Combine(temp.Sub("data"), DataDirectory.DatabaseFileName + suffix);
        Assert.True(File.Exists(file), $"{file} is kept after a run");
        var moved = temp.Sub("elsewhere" + suffix);
        File.Move(file, moved);
        File.CreateSymbolicLink(file, moved);
        var before = File.ReadAllBytes(moved);

        var (exit, output, error) = await CliRun.Run("reports", "list", "--data", temp.Sub("data"));

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Empty(output);
        var line = Assert.Single(Lines(error));
        Assert.Contains($"{file}: is a symbolic link", line, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(moved));
        Assert.NotNull(new FileInfo(file).LinkTarget);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-wal")]
    [InlineData("-shm")]
    public async Task Reports_refuse_a_data_directory_or_store_file_of_another_user_naming_it_and_leave_it_as_it_is(string? suffix)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        OtherUser.Require("handing a store over to another user needs root");
        using var temp = new TempDirectory();
        await RecordOneDeath(temp);
        var data = temp.Sub("data");
        var given = suffix is null ? data : Path.Combine(data, DataDirectory.DatabaseFileName + suffix);
        OtherUser.Give(given);
        var mode = File.GetUnixFileMode(given);

        var (exit, output, error) = await CliRun.Run("reports", "list", "--data", data);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Empty(output);
        var line = Assert.Single(Lines(error));
        Assert.Contains(suffix is null ? $"'{data}'" : $"{given}:", line, StringComparison.Ordinal);
        Assert.Contains($"is owned by uid {OtherUser.Uid}", line, StringComparison.Ordinal);
        Assert.Equal(mode, File.GetUnixFileMode(given));
    }

    /// <summary>A run whose command exits 3: one death in the store of <c>temp/data</c>, its log and shared-memory file kept.</summary>
    private static async Task RecordOneDeath(TempDirectory temp)
    {
        var (exit, _, error) = await CliRun.RunCrasher(temp, "exit3");
        Assert.True(exit == 3, error);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
