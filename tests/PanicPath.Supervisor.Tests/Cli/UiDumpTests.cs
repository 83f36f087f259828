using System.Net;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Cli;

/// <summary>
/// The web view's dump route serves only a file a death's record names, directly in the data
/// directory's dump folder, a regular file of this user opened without following a link: not another file
/// of that folder, not a symbolic link put where the dump was, not a dump recorded elsewhere or on another
/// machine (whose path names a file there, not here), and a
/// pruned dump is said to be pruned. Nothing it refuses is read.
/// </summary>
public sealed class UiDumpTests
{
    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task Only_a_dump_the_record_names_in_the_dump_folder_is_served_never_another_file_a_symlink_or_a_dump_elsewhere()
    {
        using var temp = new TempDirectory();
        var data = temp.Sub("data");
        var dumps = Path.Combine(data, "dumps");
        var elsewhere = Directory.CreateDirectory(temp.Sub("elsewhere")).FullName;
        long served, notNamed, linked, outside, pruned, otherHost;
        using (var writer = SqliteDeathStore.Open(data))
        {
            Directory.CreateDirectory(dumps);
            await File.WriteAllTextAsync(Path.Combine(dumps, "core.1"), "the dump of death one");
            await File.WriteAllTextAsync(Path.Combine(dumps, "core.other"), "a dump no record names");
            await File.WriteAllTextAsync(Path.Combine(elsewhere, "secret"), "not a dump");
            File.CreateSymbolicLink(Path.Combine(dumps, "core.link"), Path.Combine(elsewhere, "secret"));
            await File.WriteAllTextAsync(Path.Combine(elsewhere, "core.3"), "a dump outside the dump folder");
            served = (await writer.AddAsync(Death("a", Path.Combine(dumps, "core.1")))).Id;
            notNamed = (await writer.AddAsync(Death("b", null))).Id;
            linked = (await writer.AddAsync(Death("c", Path.Combine(dumps, "core.link")))).Id;
            outside = (await writer.AddAsync(Death("d", Path.Combine(elsewhere, "core.3")))).Id;
            otherHost = (await writer.AddAsync(Death("f", Path.Combine(dumps, "core.1")) with { Host = "another-machine" })).Id;
            pruned = (await writer.AddAsync(Death("e", Path.Combine(dumps, "core.other")) with { DumpPrunedAt = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero) })).Id;
        }

        await using var ui = await UiProcess.Start(["--data", data]);
        using var http = ui.Client();

        Assert.Equal("the dump of death one", await UiCommandTests.Get(http, $"/deaths/{served}/dumps/core.1", HttpStatusCode.OK));
        foreach (var (id, name, status) in new[]
        {
            (served, "core.other", HttpStatusCode.NotFound),
            (notNamed, "core.other", HttpStatusCode.NotFound),
            (served, "..%2Fpanicpath.db", HttpStatusCode.NotFound),
            (linked, "core.link", HttpStatusCode.Forbidden),
            (outside, "core.3", HttpStatusCode.Forbidden),
            (otherHost, "core.1", HttpStatusCode.Forbidden),
            (pruned, "core.other", HttpStatusCode.Gone),
            (999999, "core.1", HttpStatusCode.NotFound),
        })
        {
            var body = await UiCommandTests.Get(http, $"/deaths/{id}/dumps/{name}", status);
            Assert.DoesNotContain("not a dump", body, StringComparison.Ordinal);
            Assert.DoesNotContain("a dump no record names", body, StringComparison.Ordinal);
            Assert.DoesNotContain("outside the dump folder", body, StringComparison.Ordinal);
            Assert.DoesNotContain("the dump of death one", body, StringComparison.Ordinal);
        }

        // The death pages say the same: a link only for the dump served, and why not for the others.
        Assert.Contains($"href=\"/deaths/{served}/dumps/core.1\"", UiCommandTests.Section(await UiCommandTests.Get(http, $"/deaths/{served}", HttpStatusCode.OK), "dumps"), StringComparison.Ordinal);
        Assert.Contains("pruned at <time datetime=\"2026-03-04T05:06:07.000Z\">", await UiCommandTests.Get(http, $"/deaths/{pruned}", HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Contains("not in the dump folder", await UiCommandTests.Get(http, $"/deaths/{outside}", HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Contains("recorded on another-machine, not on this machine", await UiCommandTests.Get(http, $"/deaths/{otherHost}", HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.DoesNotContain("/dumps/core.link\"", await UiCommandTests.Get(http, $"/deaths/{linked}", HttpStatusCode.OK), StringComparison.Ordinal);

        // What a record holds is text on every page, never markup.
        foreach (var page in new[] { "/", $"/deaths/{served}", "/buckets" })
        {
            Assert.DoesNotContain("<script", await UiCommandTests.Get(http, page, HttpStatusCode.OK), StringComparison.Ordinal);
        }

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", await UiCommandTests.Get(http, "/", HttpStatusCode.OK), StringComparison.Ordinal);
    }

    private static DeathRecord Death(string run, string? dump) => new()
    {
        RunId = run,
        Command = "dotnet app.dll <script>alert(1)</script>",
        Cause = DeathCause.Signal,
        Signal = "SIGSEGV",
        ExitCode = 139,
        Dump = dump,
        Signature = "0123456789abcdef",
        Title = "SIGSEGV",
        StartedAt = DateTimeOffset.UtcNow.AddSeconds(-1),
        EndedAt = DateTimeOffset.UtcNow,
    };
}
