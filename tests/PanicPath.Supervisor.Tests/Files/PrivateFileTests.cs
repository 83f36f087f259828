using PanicPath.Supervisor.Files;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Files;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PrivateFileTests
{
    [Fact]
    public void A_created_file_is_mode_0600()
    {
        using var temp = new TempDirectory();

        using (var stream = PrivateFile.Open(temp.Sub("new"), FileMode.CreateNew, FileAccess.Write))
        {
            stream.Write("x"u8);
        }

        Assert.Equal(PrivateFile.Mode, File.GetUnixFileMode(temp.Sub("new")));
        Assert.Equal("x", File.ReadAllText(temp.Sub("new")));
    }

    [Fact]
    public void An_existing_file_of_ours_is_tightened_to_0600()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Sub("open"), "x");
        File.SetUnixFileMode(temp.Sub("open"), (UnixFileMode)0b110_100_100);

        PrivateFile.Tighten(temp.Sub("open"));
        PrivateFile.Tighten(temp.Sub("missing"));

        Assert.Equal(PrivateFile.Mode, File.GetUnixFileMode(temp.Sub("open")));
        Assert.False(File.Exists(temp.Sub("missing")));
    }

    [Fact]
    public async Task A_fifo_where_a_file_should_be_is_refused_at_once_instead_of_blocking_the_reader()
    {
        using var temp = new TempDirectory();
        var fifo = temp.Sub("panicpath-1-x.json");
        using (var mkfifo = System.Diagnostics.Process.Start(Requirement.Command("mkfifo", "a FIFO in place of a report"), [fifo]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var open = Task.Run(() => PrivateFile.Open(fifo, FileMode.Open, FileAccess.Read));
        var refused = await Assert.ThrowsAsync<UnsafePathException>(() => open.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains(fifo, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symbolic_link_is_neither_followed_for_reading_nor_for_writing()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Sub("target"), "secret");
        File.SetUnixFileMode(temp.Sub("target"), (UnixFileMode)0b110_100_100);
        File.CreateSymbolicLink(temp.Sub("link"), temp.Sub("target"));

        Assert.Contains("is a symbolic link", Assert.Throws<UnsafePathException>(() => PrivateFile.ReadAllBytes(temp.Sub("link"))).Message, StringComparison.Ordinal);
        Assert.Throws<UnsafePathException>(() => PrivateFile.Open(temp.Sub("link"), FileMode.OpenOrCreate, FileAccess.ReadWrite));
        Assert.Throws<UnsafePathException>(() => PrivateFile.Open(temp.Sub("link"), FileMode.Create, FileAccess.Write));

        Assert.Equal("secret", File.ReadAllText(temp.Sub("target")));
        Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(temp.Sub("target")));
    }

    [Fact]
    public void A_file_of_another_user_is_refused_and_left_as_it_is()
    {
        OtherUser.Require("a file owned by uid 65534");
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Sub("theirs"), "theirs");
        File.SetUnixFileMode(temp.Sub("theirs"), (UnixFileMode)0b110_110_110);
        OtherUser.Give(temp.Sub("theirs"));

        var refused = Assert.Throws<UnsafePathException>(() => PrivateFile.Open(temp.Sub("theirs"), FileMode.Open, FileAccess.Read));

        Assert.Contains($"is owned by uid {OtherUser.Uid}", refused.Message, StringComparison.Ordinal);
        Assert.Equal((UnixFileMode)0b110_110_110, File.GetUnixFileMode(temp.Sub("theirs")));
    }

    [Theory]
    [InlineData(FileMode.Create)]
    [InlineData(FileMode.Truncate)]
    public void A_file_of_another_user_opened_to_be_replaced_is_refused_before_anything_of_it_is_emptied(FileMode mode)
    {
        OtherUser.Require("a file owned by uid 65534");
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Sub("theirs"), "theirs");
        OtherUser.Give(temp.Sub("theirs"));

        Assert.Throws<UnsafePathException>(() => PrivateFile.Open(temp.Sub("theirs"), mode, FileAccess.Write));

        Assert.Equal("theirs", File.ReadAllText(temp.Sub("theirs")));
    }

    [Theory]
    [InlineData(FileMode.Create)]
    [InlineData(FileMode.Truncate)]
    public void A_file_of_ours_opened_to_be_replaced_is_emptied(FileMode mode)
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Sub("ours"), "old and longer");

        using (var stream = PrivateFile.Open(temp.Sub("ours"), mode, FileAccess.Write))
        {
            stream.Write("new"u8);
        }

        Assert.Equal("new", File.ReadAllText(temp.Sub("ours")));
    }

    [Fact]
    public void A_file_too_long_to_read_is_refused()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.Sub("big"), new byte[100]);

        Assert.Contains("holds 100 bytes, more than the 99 accepted", Assert.Throws<UnsafePathException>(() => PrivateFile.ReadAllBytes(temp.Sub("big"), 99)).Message, StringComparison.Ordinal);
        Assert.Equal(100, PrivateFile.ReadAllBytes(temp.Sub("big"), 100).Length);
    }

    [Fact]
    public void Only_one_open_file_holds_the_lock_until_it_is_closed()
    {
        using var temp = new TempDirectory();
        var first = PrivateFile.Open(temp.Sub(".owner"), FileMode.OpenOrCreate, FileAccess.ReadWrite);
        using var second = PrivateFile.Open(temp.Sub(".owner"), FileMode.OpenOrCreate, FileAccess.ReadWrite);

        Assert.True(PrivateFile.TryLock(first));
        Assert.False(PrivateFile.TryLock(second));
        first.Dispose();
        Assert.True(PrivateFile.TryLock(second));
    }
}
