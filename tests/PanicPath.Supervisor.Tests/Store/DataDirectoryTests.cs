using PanicPath.Supervisor.Files;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Store;

public sealed class DataDirectoryTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void An_explicit_directory_wins_over_the_environment()
    {
        Assert.Equal("/x/explicit", DataDirectory.Resolve("/x/explicit", Env(("PANICPATH_DATA", "/x/env"), ("XDG_DATA_HOME", "/x/xdg"))));
    }

    [Fact]
    public void PANICPATH_DATA_wins_over_the_per_user_default()
    {
        Assert.Equal("/x/env", DataDirectory.Resolve(null, Env(("PANICPATH_DATA", "/x/env"), ("XDG_DATA_HOME", "/x/xdg"))));
    }

    [Fact]
    public void The_per_user_default_follows_XDG_DATA_HOME_then_HOME()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // The local application data folder there.
        }

        Assert.Equal("/x/xdg/panicpath", DataDirectory.Resolve(null, Env(("XDG_DATA_HOME", "/x/xdg"), ("HOME", "/home/u"))));
        Assert.Equal("/home/u/.local/share/panicpath", DataDirectory.Resolve(null, Env(("HOME", "/home/u"))));
    }

    [Fact]
    public void An_existing_data_directory_of_ours_is_tightened_to_0700_and_nothing_above_it_changes()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var temp = new TempDirectory();
        var open = (UnixFileMode)0b111_101_101;
        File.SetUnixFileMode(temp.Path, open);
        var data = Directory.CreateDirectory(temp.Sub("data")).FullName;
        File.SetUnixFileMode(data, open);

        DataDirectory.Prepare(data);

        Assert.Equal(PrivateDirectory.Mode, File.GetUnixFileMode(data));
        Assert.Equal(open, File.GetUnixFileMode(temp.Path));
        Assert.Empty(Directory.GetFileSystemEntries(data));
    }

    [Fact]
    public void A_data_directory_that_is_a_symbolic_link_is_refused_naming_it()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var temp = new TempDirectory();
        var target = Directory.CreateDirectory(temp.Sub("target")).FullName;
        Directory.CreateSymbolicLink(temp.Sub("data"), target);

        var refused = Assert.Throws<DataDirectoryException>(() => DataDirectory.Prepare(temp.Sub("data")));

        Assert.Equal($"data directory '{temp.Sub("data")}' cannot be used: is a symbolic link; refusing it", refused.Message);
        Assert.Empty(Directory.GetFileSystemEntries(target));
    }

    [Fact]
    public void A_data_directory_open_to_others_that_holds_files_panicpath_did_not_make_is_refused_naming_it_and_left_as_it_is()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var temp = new TempDirectory();
        var shared = Directory.CreateDirectory(temp.Sub("etc")).FullName;
        var open = (UnixFileMode)0b111_101_101;
        File.SetUnixFileMode(shared, open);
        File.WriteAllText(Path.Combine(shared, "passwd"), "kept");

        var refused = Assert.Throws<DataDirectoryException>(() => DataDirectory.Prepare(shared));

        Assert.Equal($"data directory '{shared}' cannot be used: is open to others (mode 755) and holds 'passwd', which panicpath did not make; refusing to make it private: give panicpath a directory of its own", refused.Message);
        Assert.Equal(open, File.GetUnixFileMode(shared));
        Assert.Equal([Path.Combine(shared, "passwd")], Directory.GetFileSystemEntries(shared));
    }

    [Fact]
    public async Task A_looser_data_directory_holding_only_what_panicpath_made_is_tightened_to_0700_and_its_store_read()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var temp = new TempDirectory();
        var data = temp.Sub("data");
        using (var store = SqliteDeathStore.Open(data))
        {
            Assert.Empty(await store.ListAsync(1));
        }

        Directory.CreateDirectory(Path.Combine(data, "spool"));
        File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101);

        DataDirectory.Prepare(data);

        Assert.Equal(PrivateDirectory.Mode, File.GetUnixFileMode(data));
    }

    [Fact]
    public void A_data_directory_owned_by_another_user_is_refused_naming_it_and_left_as_it_is()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        OtherUser.Require("a data directory owned by uid 65534");
        using var temp = new TempDirectory();
        var theirs = Directory.CreateDirectory(temp.Sub("theirs")).FullName;
        File.SetUnixFileMode(theirs, (UnixFileMode)0b111_111_111);
        OtherUser.Give(theirs);

        var refused = Assert.Throws<DataDirectoryException>(() => SqliteDeathStore.Open(theirs));

        Assert.Equal($"data directory '{theirs}' cannot be used: is owned by uid {OtherUser.Uid}, not by this user (uid 0); refusing it", refused.Message);
        Assert.Equal((UnixFileMode)0b111_111_111, File.GetUnixFileMode(theirs));
        Assert.Empty(Directory.GetFileSystemEntries(theirs));
    }

    [Fact]
    public async Task The_store_and_its_journals_are_0600_and_an_older_looser_store_is_tightened()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var temp = new TempDirectory();
        var data = temp.Sub("data");
        var loose = (UnixFileMode)0b110_100_100;
        using (var store = SqliteDeathStore.Open(data))
        {
            await store.AddAsync(new PanicPath.Supervisor.Deaths.DeathRecord
            {
                RunId = "r",
                Attempt = 0,
                Command = "c",
                Pid = 1,
                Cause = PanicPath.Supervisor.Deaths.DeathCause.ExitCode,
                ExitCode = 3,
                Signature = "s",
                Title = "t",
                StartedAt = DateTimeOffset.UnixEpoch,
                EndedAt = DateTimeOffset.UnixEpoch,
            });
            foreach (var file in Directory.GetFiles(data))
            {
                Assert.True(PrivateFile.Mode == File.GetUnixFileMode(file), $"{file} is {File.GetUnixFileMode(file)}");
            }

            Assert.Contains(Path.Combine(data, DataDirectory.DatabaseFileName + "-wal"), Directory.GetFiles(data));
        }

        File.SetUnixFileMode(Path.Combine(data, DataDirectory.DatabaseFileName), loose);
        File.WriteAllBytes(Path.Combine(data, DataDirectory.DatabaseFileName + "-shm"), []);
        File.SetUnixFileMode(Path.Combine(data, DataDirectory.DatabaseFileName + "-shm"), loose);

        using (SqliteDeathStore.Open(data))
        {
            Assert.Equal(PrivateFile.Mode, File.GetUnixFileMode(Path.Combine(data, DataDirectory.DatabaseFileName)));
            Assert.Equal(PrivateFile.Mode, File.GetUnixFileMode(Path.Combine(data, DataDirectory.DatabaseFileName + "-shm")));
        }
    }
}
