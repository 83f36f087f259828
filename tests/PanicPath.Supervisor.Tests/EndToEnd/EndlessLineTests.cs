using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.EndToEnd;

/// <summary>
/// An app that writes hundreds of megabytes to standard error without a line break, under a real
/// <c>panicpath run</c> whose managed heap is held to 256 MB (<c>DOTNET_GCHeapHardLimit</c>): the supervisor
/// passes the output on in pieces and keeps only the line's start, so it records the death instead of
/// running out of memory.
/// </summary>
public sealed class EndlessLineTests
{
    [Fact]
    public async Task An_app_writing_300_megabytes_without_a_line_break_is_supervised_in_bounded_memory_and_its_death_recorded()
    {
        using var temp = new TempDirectory();
        var data = temp.Sub("data");
        const string App = "head -c 300000000 /dev/zero | tr '\\0' A >&2; echo >&2; echo last words >&2; exit 4";
        string[] cli = [.. Crasher.Cli, "run", "--data", data, "--", "/bin/sh", "-c", App];

        // The supervisor's own standard error (the app's, passed on) goes to /dev/null, not into this test's memory.
        var (_, exit, _, error) = await CliProcess.RunProgram("/bin/sh", ["-c", "exec \"$0\" \"$@\" 2>/dev/null", .. cli], new Dictionary<string, string?> { ["DOTNET_GCHeapHardLimit"] = "0x10000000" });
        Assert.True(exit == 4, $"panicpath run exited {exit}: {error}");

        using var store = SqliteDeathStore.OpenReadOnly(data, bringUpToDate: false);
        var death = Assert.Single(await store.QueryAsync(new DeathQuery()));
        Assert.Equal(4, death.ExitCode);
        Assert.Equal([new string('A', 4095) + "…", "last words"], death.StderrTail.Split('\n'));
    }
}
