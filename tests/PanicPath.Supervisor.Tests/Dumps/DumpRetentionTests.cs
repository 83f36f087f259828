using PanicPath.Supervisor.Dumps;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Dumps;

public sealed class DumpRetentionTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
    private readonly TempDirectory temp = new();

    private string Dumps => temp.Sub("dumps");

    public DumpRetentionTests() => Directory.CreateDirectory(Dumps);

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_oldest_dumps_go_first_until_at_most_max_dumps_are_left()
    {
        var files = Enumerable.Range(0, 5).Select(i => Fake($"core.{100 + i}", 10, T0.AddMinutes(i))).ToList();

        var (removed, problems) = new DumpRetention(maxDumps: 2).Apply(Dumps, keep: null);

        Assert.Empty(problems);
        Assert.Equal(files.Take(3), removed.Select(d => d.Path));
        Assert.Equal(files.Skip(3), Remaining());
    }

    [Fact]
    public void Dumps_go_until_their_bytes_fit_and_the_newest_stays_even_when_it_alone_is_too_big()
    {
        var small = Fake("core.1", 400, T0);
        var middle = Fake($"panicpath-2-20260102T030405123.dmp", 400, T0.AddMinutes(1));
        var newest = Fake("core.3", 5000, T0.AddMinutes(2));

        var (removed, _) = new DumpRetention(maxBytes: 1000).Apply(Dumps, keep: null);

        Assert.Equal([small, middle], removed.Select(d => d.Path));
        Assert.Equal([newest], Remaining());
    }

    [Fact]
    public void The_dump_to_keep_stays_even_when_it_is_the_oldest()
    {
        var kept = Fake("core.1", 10, T0);
        var other = Fake("core.2", 10, T0.AddMinutes(1));
        var newest = Fake("core.3", 10, T0.AddMinutes(2));

        var (removed, _) = new DumpRetention(maxDumps: 1).Apply(Dumps, keep: kept);

        Assert.Equal([other], removed.Select(d => d.Path));
        Assert.Equal([kept, newest], Remaining());
    }

    [Fact]
    public void Only_regular_files_of_ours_named_as_dumps_count_or_go_and_no_link_is_followed()
    {
        var outside = temp.Sub("precious");
        File.WriteAllText(outside, "not a dump");
        File.SetLastWriteTimeUtc(outside, T0.AddDays(-9));
        File.CreateSymbolicLink(Path.Combine(Dumps, "core.7"), outside);
        Directory.CreateDirectory(Path.Combine(Dumps, "core.8"));
        var others = new[] { "core.9.crashreport.json", "core.x", "core", "notes.txt", "panicpath-1-2026.dmp", "core.12345678901" }
            .Select((name, i) => Fake(name, 10, T0.AddDays(-1).AddMinutes(i))).ToList();
        var dump = Fake("core.10", 10, T0);
        var newest = Fake("core.11", 10, T0.AddMinutes(1));

        var (removed, _) = new DumpRetention(maxDumps: 1).Apply(Dumps, keep: null);

        Assert.Equal([dump], removed.Select(d => d.Path));
        Assert.All(others, f => Assert.True(File.Exists(f), $"{f} was removed"));
        Assert.Equal("not a dump", File.ReadAllText(outside));
        Assert.NotNull(new FileInfo(Path.Combine(Dumps, "core.7")).LinkTarget);
        Assert.True(Directory.Exists(Path.Combine(Dumps, "core.8")));
        Assert.True(File.Exists(newest));
    }

    [Fact]
    public void Another_users_dump_is_neither_counted_nor_removed()
    {
        Requirement.Root("giving a file to another user needs root");
        var chown = Requirement.Command("chown", "gives the file to another user");
        var theirs = Fake("core.1", 10, T0);
        Chown(chown, theirs, 65534);
        var ours = Fake("core.2", 10, T0.AddMinutes(1));
        var newest = Fake("core.3", 10, T0.AddMinutes(2));

        var (removed, _) = new DumpRetention(maxDumps: 2).Apply(Dumps, keep: null);

        Assert.Empty(removed);
        Assert.True(File.Exists(theirs));
        Assert.Equal([ours, newest], Remaining());
    }

    [Fact]
    public void A_dump_directory_that_is_a_symbolic_link_is_left_alone()
    {
        Fake("core.1", 10, T0);
        Fake("core.2", 10, T0.AddMinutes(1));
        var link = temp.Sub("link");
        Directory.CreateSymbolicLink(link, Dumps);

        var (removed, _) = new DumpRetention(maxDumps: 1).Apply(link, keep: null);

        Assert.Empty(removed);
        Assert.Equal(2, Remaining().Count);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(-1, 1)]
    public void Bounds_below_one_are_refused(int maxDumps, long maxBytes) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DumpRetention(maxDumps, maxBytes));

    private string Fake(string name, int bytes, DateTime written)
    {
        var path = Path.Combine(Dumps, name);
        File.WriteAllBytes(path, new byte[bytes]);
        File.SetLastWriteTimeUtc(path, written);
        return path;
    }

    private List<string> Remaining() => [.. DumpFiles.List(Dumps).Select(d => d.Path)];

    private static void Chown(string chown, string path, int uid)
    {
        using var process = System.Diagnostics.Process.Start(chown, [uid.ToString(System.Globalization.CultureInfo.InvariantCulture), path])!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
