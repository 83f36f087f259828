using System.Diagnostics;
using System.Text.Json;
using PanicPath.Cli;
using PanicPath.Supervisor.Files;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.EndToEnd;

/// <summary>
/// <c>panicpath run</c> against a careless operator and another local user: crash data that nobody else
/// reads whatever the umask, a data directory or spool that is not ours refused before anything starts,
/// and a channel directory that is not ours costing only the channel.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DataSecurityTests
{
    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task Everything_a_supervised_crash_leaves_in_the_data_directory_is_owner_only_under_umask_0_and_another_user_reads_none_of_it()
    {
        OtherUser.Require("reading the data directory as uid 65534");
        using var temp = new TempDirectory();
        var data = temp.Sub("data");

        var (exit, said) = await RunUnderUmaskZero("run", "--data", data, "--dump-type", "1", "--", Crasher.Dotnet, Crasher.Dll, "panicpath-unhandled");

        Assert.True(exit == 134, said);
        Assert.Contains("panicpath: dump " + Path.Combine(data, "dumps"), said, StringComparison.Ordinal);
        var directories = Directory.GetDirectories(data, "*", SearchOption.AllDirectories).Append(data).ToList();
        var files = Directory.GetFiles(data, "*", SearchOption.AllDirectories);
        Assert.Contains(Path.Combine(data, "panicpath.db"), files);
        Assert.Contains(files, f => f.EndsWith(".crashreport.json", StringComparison.Ordinal));
        Assert.All(directories, d => Assert.True(File.GetUnixFileMode(d) == PrivateDirectory.Mode, $"{d} is {File.GetUnixFileMode(d)}"));
        Assert.All(files, f => Assert.True(File.GetUnixFileMode(f) == PrivateFile.Mode, $"{f} is {File.GetUnixFileMode(f)}"));
        foreach (var file in files)
        {
            var (read, why) = OtherUser.RunAs("/bin/cat", [file]);
            Assert.True(read != 0 && why.Contains("Permission denied", StringComparison.Ordinal), $"uid 65534 read {file}: {why}");
        }

        var (listed, answer) = OtherUser.RunAs("/bin/ls", [data]);
        Assert.True(listed != 0 && answer.Contains("Permission denied", StringComparison.Ordinal), answer);
    }

    [Fact]
    public async Task A_spool_that_is_a_symbolic_link_is_refused_at_start_and_nothing_behind_it_is_touched()
    {
        using var temp = new TempDirectory();
        var data = Directory.CreateDirectory(temp.Sub("data")).FullName;
        var elsewhere = temp.Sub("elsewhere");
        var runId = Leftovers.Write(elsewhere, Leftovers.Report("not ours", 42));
        File.WriteAllText(Path.Combine(elsewhere, runId + "-0", "unrelated.txt"), "precious");
        Directory.CreateSymbolicLink(Path.Combine(data, "spool"), elsewhere);

        var (exit, _, error) = await CliRun.Run("run", "--data", data, "--", "touch", temp.Sub("started"));

        Assert.Equal(ExitCodes.RunFailed, exit);
        Assert.Contains($"panicpath: run could not prepare its files: {Path.Combine(data, "spool")}: is a symbolic link; refusing it", error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Sub("started")));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(elsewhere, runId + "-0")).Length);
        Assert.Equal("precious", File.ReadAllText(Path.Combine(elsewhere, runId + "-0", "unrelated.txt")));
        var (_, json, _) = await CliRun.Run("reports", "list", "--data", data, "--json");
        Assert.Empty(JsonDocument.Parse(json).RootElement.GetProperty("deaths").EnumerateArray());
    }

    [Fact]
    public async Task A_data_directory_of_another_user_is_refused_naming_it_and_the_app_does_not_start()
    {
        OtherUser.Require("a data directory owned by uid 65534");
        using var temp = new TempDirectory();
        var theirs = Directory.CreateDirectory(temp.Sub("theirs")).FullName;
        OtherUser.Give(theirs);

        var (exit, _, error) = await CliRun.Run("run", "--data", theirs, "--", "touch", temp.Sub("started"));

        Assert.Equal(ExitCodes.RunFailed, exit);
        Assert.Contains($"panicpath: --data: data directory '{theirs}' cannot be used: is owned by uid {OtherUser.Uid}, not by this user (uid 0); refusing it", error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Sub("started")));
        Assert.Empty(Directory.GetFileSystemEntries(theirs));
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task A_channel_directory_that_is_a_symbolic_link_is_named_and_the_app_runs_with_the_spool_alone()
    {
        using var temp = new TempDirectory();
        var data = Directory.CreateDirectory(temp.Sub("data")).FullName;
        var elsewhere = Directory.CreateDirectory(temp.Sub("elsewhere")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(data, "channel"), elsewhere);

        var (exit, _, error) = await CliRun.Run("run", "--data", data, "--dump-type", "1", "--", Crasher.Dotnet, Crasher.Dll, "panicpath-unhandled");

        Assert.True(exit == 134, error);
        Assert.Contains($"panicpath: no report channel ({Path.Combine(data, "channel")}: is a symbolic link; refusing it); reports come through the spool", error, StringComparison.Ordinal);
        Assert.DoesNotContain("--dumps", error, StringComparison.Ordinal);
        Assert.Contains("panic: report written to", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
        var (_, json, _) = await CliRun.Run("reports", "show", "1", "--data", data, "--json");
        Assert.Equal("unhandled exception", JsonDocument.Parse(json).RootElement.GetProperty("report").GetProperty("reason").GetString());
    }

    /// <summary>Runs <c>panicpath</c> as a child process whose umask is 0, so only the modes it asks for protect what it writes.</summary>
    private static async Task<(int Exit, string Said)> RunUnderUmaskZero(params string[] args)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", "umask 0; exec \"$@\"", "sh" }.Concat(Crasher.Cli).Concat(args))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("PANICPATH_POSTGRES");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(guard.Token);
        return (process.ExitCode, await output + await error);
    }
}
