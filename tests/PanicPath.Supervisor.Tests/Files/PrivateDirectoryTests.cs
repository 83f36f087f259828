using PanicPath.Supervisor.Files;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Files;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PrivateDirectoryTests
{
    private const UnixFileMode Open755 = (UnixFileMode)0b111_101_101;

    [Fact]
    public void A_new_directory_and_its_missing_parents_are_made_mode_0700()
    {
        using var temp = new TempDirectory();

        var made = PrivateDirectory.Ensure(temp.Sub("a/b/c"));

        Assert.Equal(temp.Sub("a/b/c"), made);
        Assert.Equal(PrivateDirectory.Mode, File.GetUnixFileMode(made));
        Assert.Equal(PrivateDirectory.Mode, File.GetUnixFileMode(temp.Sub("a")));
    }

    [Fact]
    public void An_existing_directory_of_ours_is_tightened_to_0700_and_its_parent_is_left_alone()
    {
        using var temp = new TempDirectory();
        File.SetUnixFileMode(temp.Path, Open755);
        var existing = Directory.CreateDirectory(temp.Sub("open")).FullName;
        File.SetUnixFileMode(existing, (UnixFileMode)0b111_111_111);

        PrivateDirectory.Ensure(existing);

        Assert.Equal(PrivateDirectory.Mode, File.GetUnixFileMode(existing));
        Assert.Equal(Open755, File.GetUnixFileMode(temp.Path));
    }

    [Fact]
    public void A_symbolic_link_to_a_directory_is_refused_and_its_target_is_not_changed()
    {
        using var temp = new TempDirectory();
        var target = Directory.CreateDirectory(temp.Sub("target")).FullName;
        File.SetUnixFileMode(target, Open755);
        Directory.CreateSymbolicLink(temp.Sub("link"), target);

        var refused = Assert.Throws<UnsafePathException>(() => PrivateDirectory.Ensure(temp.Sub("link")));

        Assert.Equal(temp.Sub("link"), refused.Path);
        Assert.Contains("is a symbolic link", refused.Message, StringComparison.Ordinal);
        Assert.Equal(Open755, File.GetUnixFileMode(target));
        Assert.Equal("is a symbolic link", PrivateDirectory.Problem(temp.Sub("link")));
    }

    [Fact]
    public void A_file_where_a_directory_should_be_is_refused()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Sub("file"), "x");

        var refused = Assert.Throws<UnsafePathException>(() => PrivateDirectory.Ensure(temp.Sub("file")));

        Assert.Contains("is a regular file, not a directory", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_of_another_user_is_refused_and_left_as_it_is()
    {
        OtherUser.Require("a directory owned by uid 65534");
        using var temp = new TempDirectory();
        var theirs = Directory.CreateDirectory(temp.Sub("theirs")).FullName;
        File.SetUnixFileMode(theirs, (UnixFileMode)0b111_111_111);
        OtherUser.Give(theirs);

        var refused = Assert.Throws<UnsafePathException>(() => PrivateDirectory.Ensure(theirs));

        Assert.Contains($"is owned by uid {OtherUser.Uid}, not by this user (uid 0)", refused.Message, StringComparison.Ordinal);
        Assert.Equal((UnixFileMode)0b111_111_111, File.GetUnixFileMode(theirs));
        Assert.False(PrivateDirectory.IsPrivate(theirs));
    }

    [Fact]
    public void A_unique_directory_is_fresh_private_and_named_by_its_prefix()
    {
        using var temp = new TempDirectory();

        var first = PrivateDirectory.CreateUnique(temp.Path, "panicpath-");
        var second = PrivateDirectory.CreateUnique(temp.Path, "panicpath-");

        Assert.NotEqual(first, second);
        Assert.StartsWith(temp.Sub("panicpath-"), first, StringComparison.Ordinal);
        Assert.Equal(PrivateDirectory.Mode, File.GetUnixFileMode(first));
        Assert.True(PrivateDirectory.IsPrivate(first));
    }

    [Fact]
    public void Creating_anew_fails_when_the_name_is_taken_even_by_a_dangling_link()
    {
        using var temp = new TempDirectory();
        File.CreateSymbolicLink(temp.Sub("dangling"), temp.Sub("nowhere"));

        Assert.Contains("already exists", Assert.Throws<UnsafePathException>(() => PrivateDirectory.CreateNew(temp.Sub("dangling"))).Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Sub("nowhere")));
    }

    [Fact]
    public void Removal_deletes_only_recognised_files_and_keeps_a_directory_holding_anything_else()
    {
        using var temp = new TempDirectory();
        var outside = Directory.CreateDirectory(temp.Sub("outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "ours.json"), "precious");
        var directory = Directory.CreateDirectory(temp.Sub("run")).FullName;
        File.WriteAllText(Path.Combine(directory, "ours.json"), "x");
        File.WriteAllText(Path.Combine(directory, "foreign.txt"), "keep");
        Directory.CreateSymbolicLink(Path.Combine(directory, "ours-link.json"), Path.Combine(outside, "ours.json"));

        var left = PrivateDirectory.RemoveRecognised(directory, name => name.EndsWith(".json", StringComparison.Ordinal));

        Assert.Equal(["foreign.txt", "ours-link.json"], left);
        Assert.False(File.Exists(Path.Combine(directory, "ours.json")));
        Assert.True(File.Exists(Path.Combine(directory, "foreign.txt")));
        Assert.Equal("precious", File.ReadAllText(Path.Combine(outside, "ours.json")));
    }

    [Fact]
    public void Removal_of_a_directory_holding_only_recognised_files_removes_it()
    {
        using var temp = new TempDirectory();
        var directory = Directory.CreateDirectory(temp.Sub("run")).FullName;
        File.WriteAllText(Path.Combine(directory, "ours.json"), "x");

        Assert.Empty(PrivateDirectory.RemoveRecognised(directory, name => name == "ours.json"));
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void Removal_through_a_symbolic_link_touches_nothing_behind_it()
    {
        using var temp = new TempDirectory();
        var target = Directory.CreateDirectory(temp.Sub("target")).FullName;
        File.WriteAllText(Path.Combine(target, "ours.json"), "x");
        Directory.CreateSymbolicLink(temp.Sub("link"), target);

        Assert.Equal([temp.Sub("link")], PrivateDirectory.RemoveRecognised(temp.Sub("link"), _ => true));
        Assert.True(File.Exists(Path.Combine(target, "ours.json")));
    }
}
