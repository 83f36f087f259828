using System.Globalization;
using PanicPath.Supervisor.Channel;
using PanicPath.Supervisor.Files;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Channel;

/// <summary>
/// Where the channel socket goes when the data directory's path is too long for a socket address: never
/// into a directory another user could have made first (the old <c>/tmp/panicpath-&lt;uid&gt;</c>), but into
/// <c>$XDG_RUNTIME_DIR</c> when it is ours, else into a fresh private directory removed at close.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SocketFallbackTests
{
    private const UnixFileMode Everyone = (UnixFileMode)0b111_111_111;

    [Fact]
    public async Task A_long_data_path_puts_the_socket_in_XDG_RUNTIME_DIR_when_it_is_ours_and_private()
    {
        using var temp = new TempDirectory();
        var runtime = PrivateDirectory.Ensure(temp.Sub("run"));

        await using (var channel = ReportChannel.Open(Options(temp, runtime)))
        {
            Assert.StartsWith(Path.Combine(runtime, "panicpath") + "/", channel.Address, StringComparison.Ordinal);
            Assert.Equal(PrivateDirectory.Mode, File.GetUnixFileMode(Path.GetDirectoryName(channel.Address)!));
        }

        Assert.Empty(Directory.GetFiles(Path.Combine(runtime, "panicpath")));
    }

    [Fact]
    public async Task An_XDG_RUNTIME_DIR_open_to_others_is_passed_over_for_a_fresh_private_directory_removed_at_close()
    {
        using var temp = new TempDirectory();
        var runtime = Directory.CreateDirectory(temp.Sub("run")).FullName;
        File.SetUnixFileMode(runtime, Everyone);
        string directory;

        await using (var channel = ReportChannel.Open(Options(temp, runtime)))
        {
            directory = Path.GetDirectoryName(channel.Address)!;
            Assert.DoesNotContain(runtime, channel.Address, StringComparison.Ordinal);
            Assert.Matches(@"/panicpath-[A-Za-z0-9]{6}$", directory);
            Assert.True(PrivateDirectory.IsPrivate(directory));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(channel.Address));
        }

        Assert.False(Directory.Exists(directory));
        Assert.Empty(Directory.GetFileSystemEntries(runtime));
        Assert.Equal(Everyone, File.GetUnixFileMode(runtime));
    }

    [Fact]
    public async Task A_root_supervisor_never_uses_a_fallback_directory_another_user_made_first_and_that_user_cannot_move_its_socket()
    {
        OtherUser.Require("a directory made by uid 65534 and a rename tried as it");
        using var temp = new TempDirectory();
        using var squat = new Squat("/tmp/panicpath-0");

        await using var channel = ReportChannel.Open(Options(temp, runtimeDirectory: null));

        Assert.DoesNotContain(squat.Path, channel.Address, StringComparison.Ordinal);
        Assert.Equal((uint)OtherUser.Uid, Posix.LStat(squat.Path)!.Value.Uid);
        Assert.Null(PrivateDirectory.Problem(Path.GetDirectoryName(channel.Address)!));
        Assert.True(PrivateDirectory.IsPrivate(Path.GetDirectoryName(channel.Address)!));
        var (moved, said) = OtherUser.RunAs("/bin/mv", [channel.Address, channel.Address + ".stolen"]);
        Assert.NotEqual(0, moved);
        Assert.Contains("Permission denied", said, StringComparison.Ordinal);
        Assert.True(File.Exists(channel.Address));
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task A_non_root_supervisor_whose_fallback_name_another_user_took_first_still_starts_the_app_and_gets_its_report()
    {
        OtherUser.Require("running the supervisor as uid 65534");
        using var temp = new TempDirectory();
        using var squat = new Squat($"/tmp/panicpath-{OtherUser.Uid.ToString(CultureInfo.InvariantCulture)}", owner: null);
        var home = Directory.CreateDirectory(temp.Sub(new string('h', 90))).FullName;
        OtherUser.Give(home);
        var data = Path.Combine(home, "data");

        var (exit, said) = OtherUser.RunAs(Crasher.Cli[0], [.. Crasher.Cli[1..], "run", "--data", data, "--dump-type", "1", "--", Crasher.Dotnet, Crasher.Dll, "panicpath-unhandled"], new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["DOTNET_CLI_HOME"] = home,
            ["XDG_RUNTIME_DIR"] = null,
            ["PANICPATH_POSTGRES"] = null,
        });

        Assert.True(exit == 134, said);
        Assert.Matches(@"panicpath: report received over the channel from pid \d+", said);
        Assert.Contains("recorded death 1", said, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(squat.Path));
        Assert.Equal(Everyone, File.GetUnixFileMode(squat.Path));
    }

    private static ReportChannelOptions Options(TempDirectory temp, string? runtimeDirectory) =>
        new(temp.Sub(new string('d', 100) + "/channel"), 1 << 20, TextWriter.Null) { RuntimeDirectory = runtimeDirectory };

    /// <summary>
    /// The fallback name the supervisor once used, taken first by another user: mode 0777, owned by uid
    /// 65534 (or, with no owner given, by root while the supervisor runs as 65534). Restored on dispose
    /// to what it was (removed when it did not exist).
    /// </summary>
    private sealed class Squat : IDisposable
    {
        private readonly bool existed;
        private readonly UnixFileMode mode;
        private readonly uint uid;

        public Squat(string path, int? owner = OtherUser.Uid)
        {
            Path = path;
            existed = Directory.Exists(path);
            mode = existed ? File.GetUnixFileMode(path) : PrivateDirectory.Mode;
            uid = existed ? Posix.LStat(path)!.Value.Uid : 0;
            Assert.True(!existed || new DirectoryInfo(path).LinkTarget is null, $"{path} is a symbolic link");
            Directory.CreateDirectory(path);
            File.SetUnixFileMode(path, Everyone);
            if (owner is not null)
            {
                OtherUser.Give(path);
            }
        }

        public string Path { get; }

        public void Dispose()
        {
            if (!existed)
            {
                Directory.Delete(Path, recursive: true);
                return;
            }

            File.SetUnixFileMode(Path, mode);
            using var process = System.Diagnostics.Process.Start("/usr/bin/chown", ["--no-dereference", $"{uid}:{uid}", Path])!;
            process.WaitForExit();
        }
    }
}
