using System.Globalization;
using System.Text.Json;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.EndToEnd;

/// <summary>
/// <c>panicpath run</c> does PID 1's duties, tested with a child that forks a grandchild and exits:
/// the grandchild is re-parented to the supervisor, reaped when it dies, may report over the channel,
/// is killed by the hang watchdog and ended when the app exits; as PID 1 of a PID namespace, SIGTERM
/// ends the run with the child's status.
/// </summary>
public sealed class Pid1Tests
{
    private const int SigTerm = 15;
    private static readonly string[] NewPidNamespace = ["unshare", "--pid", "--fork", "--mount-proc"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task An_orphaned_grandchild_is_reparented_to_the_supervisor_and_reaped_when_it_exits(bool asPid1)
    {
        NeedLinux();
        string[]? prefix = null;
        if (asPid1)
        {
            Requirement.Root("a new PID namespace");
            Requirement.Command("unshare", "a new PID namespace");
            prefix = NewPidNamespace;
        }

        using var temp = new TempDirectory();
        var go = temp.Sub("go");
        using var supervisor = SupervisorProcess.Start(temp, ["--", "sh", "-c", $"( sh -c 'while [ ! -e {go} ]; do sleep 0.05; done' & echo \"orphan $!\" ); echo ready; exec sleep 600"], prefix: prefix);
        var orphanSeen = await supervisor.NumberAfter("orphan ");
        await supervisor.LineStartingWith("ready");
        var (supervisorPid, orphan) = Resolve(supervisor, asPid1, orphanSeen);
        supervisor.Track(orphan);

        Assert.True(await SupervisorProcess.Eventually(() => SupervisorProcess.Status(orphan, "PPid") == supervisorPid.ToString(CultureInfo.InvariantCulture)),
            $"orphan {orphan} has parent {SupervisorProcess.Status(orphan, "PPid")}, not the supervisor {supervisorPid}");
        Assert.True(SupervisorProcess.IsAlive(orphan));

        await File.WriteAllTextAsync(go, "go");
        Assert.True(await SupervisorProcess.Eventually(() => !SupervisorProcess.Exists(orphan)),
            $"orphan {orphan} was not reaped: state {SupervisorProcess.Status(orphan, "State")}");

        SupervisorProcess.Send(supervisorPid, SigTerm);
        Assert.Equal(128 + SigTerm, await supervisor.ExitCode());
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task Orphans_still_running_when_the_app_exits_get_SIGTERM_then_SIGKILL_and_none_outlives_the_run()
    {
        NeedLinux();
        using var temp = new TempDirectory();
        // The app exits only once the stubborn orphan ignores SIGTERM, so the supervisor's SIGTERM cannot come first.
        var ignoring = temp.Sub("ignoring");
        using var supervisor = SupervisorProcess.Start(temp, ["--orphan-grace", "1", "--", "sh", "-c",
            $"( sleep 600 & echo \"orphan $!\" ); ( sh -c 'trap \"\" TERM; touch {ignoring}; exec sleep 600' & echo \"orphan $!\" ); while [ ! -e {ignoring} ]; do sleep 0.01; done; exit 3"]);
        var polite = supervisor.Track(await supervisor.NumberAfter("orphan "));
        var stubborn = supervisor.Track(await supervisor.NumberAfter("orphan "));

        Assert.Equal(3, await supervisor.ExitCode());
        Assert.False(SupervisorProcess.IsAlive(polite), $"orphan {polite} outlived the run");
        Assert.False(SupervisorProcess.IsAlive(stubborn), $"orphan {stubborn} (ignores SIGTERM) outlived the run");
        Assert.Contains("2 orphaned process(es) of the app still running", supervisor.Error, StringComparison.Ordinal);
        Assert.Contains("1 orphaned process(es) outlived SIGTERM: killed", supervisor.Error, StringComparison.Ordinal);
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task A_report_from_an_orphan_of_the_app_is_accepted_over_the_channel()
    {
        NeedLinux();
        using var temp = new TempDirectory();
        var go = temp.Sub("go");
        var environment = new Dictionary<string, string?> { ["CRASHER_GO_FILE"] = go };
        using var supervisor = SupervisorProcess.Start(temp, ["--", "sh", "-c", $"( '{Crasher.Dotnet}' '{Crasher.Dll}' panicpath-unhandled-on-go & ); exec sleep 600"], environment);
        var orphan = supervisor.Track(await supervisor.NumberAfter("crasher panicpath-unhandled-on-go pid "));
        var supervisorPid = supervisor.Pid;
        Assert.True(await SupervisorProcess.Eventually(() => SupervisorProcess.Status(orphan, "PPid") == supervisorPid.ToString(CultureInfo.InvariantCulture)));

        await File.WriteAllTextAsync(go, "go");
        Assert.True(await SupervisorProcess.Eventually(() => !SupervisorProcess.Exists(orphan)), $"orphan {orphan} did not die and get reaped");
        SupervisorProcess.Send(supervisorPid, SigTerm);
        Assert.Equal(128 + SigTerm, await supervisor.ExitCode());

        Assert.Contains($"report received over the channel from pid {orphan}", supervisor.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("outside the supervised tree", supervisor.Error, StringComparison.Ordinal);
        var (_, json, _) = await CliRun.Run("reports", "list", "--data", temp.Sub("data"), "--json");
        var record = Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("deaths").EnumerateArray().ToList());
        Assert.Contains("crasher unhandled", record.GetProperty("report").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task The_hang_kill_also_kills_the_orphans_of_the_app()
    {
        NeedLinux();
        using var temp = new TempDirectory();

        // The orphan ignores SIGTERM and the grace is an hour: only the hang watchdog's SIGKILL ends it in time.
        using var supervisor = SupervisorProcess.Start(temp, ["--hang-timeout", "2", "--orphan-grace", "3600", "--", "sh", "-c",
            $"( sh -c 'trap \"\" TERM; exec sleep 600' & echo \"orphan $!\" ); exec '{Crasher.Dotnet}' '{Crasher.Dll}' panicpath-hang"]);
        var orphan = supervisor.Track(await supervisor.NumberAfter("orphan "));
        await supervisor.LineStartingWith("crasher thread pool starved");
        Assert.True(SupervisorProcess.IsAlive(orphan));

        Assert.Equal(137, await supervisor.ExitCode());
        Assert.False(SupervisorProcess.IsAlive(orphan), $"orphan {orphan} outlived the hang kill");
        Assert.Contains("hang: killed 1 orphaned process(es) of the app", supervisor.Error, StringComparison.Ordinal);
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task An_app_that_exited_is_not_judged_hung_while_its_orphans_get_their_grace()
    {
        NeedLinux();
        using var temp = new TempDirectory();

        // The app beats, then exits 0; its orphan ignores SIGTERM, so the end of the life lasts the grace, far past the hang timeout.
        using var supervisor = SupervisorProcess.Start(temp, ["--hang-timeout", "1", "--orphan-grace", "8", "--", "sh", "-c",
            $"( sh -c 'trap \"\" TERM; exec sleep 600' & echo \"orphan $!\" ); exec '{Crasher.Dotnet}' '{Crasher.Dll}' panicpath-beat"]);
        var orphan = supervisor.Track(await supervisor.NumberAfter("orphan "));
        await supervisor.LineStartingWith("crasher sent 12 heartbeats");

        Assert.Equal(0, await supervisor.ExitCode());
        Assert.False(SupervisorProcess.IsAlive(orphan), $"orphan {orphan} outlived the run");
        Assert.Contains("1 orphaned process(es) outlived SIGTERM: killed", supervisor.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hang", supervisor.Error, StringComparison.Ordinal);
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task As_PID_1_of_a_PID_namespace_SIGTERM_is_forwarded_and_ends_the_run_with_the_child_status()
    {
        NeedLinux();
        Requirement.Root("a new PID namespace");
        Requirement.Command("unshare", "a new PID namespace");
        using var temp = new TempDirectory();
        using var supervisor = SupervisorProcess.Start(temp, ["--restart", "always", "--", Crasher.Dotnet, Crasher.Dll, "hang"], prefix: NewPidNamespace);
        var childInside = await supervisor.NumberAfter("crasher hang pid ");
        var (supervisorPid, child) = Resolve(supervisor, asPid1: true, childInside);
        Assert.Equal("1", SupervisorProcess.Status(supervisorPid, "NSpid")?.Split('\t', ' ', StringSplitOptions.RemoveEmptyEntries)[^1]);

        SupervisorProcess.Send(supervisorPid, SigTerm);

        Assert.Equal(128 + SigTerm, await supervisor.ExitCode());
        Assert.False(SupervisorProcess.Exists(child));
        Assert.Contains("killed by SIGTERM", supervisor.Error, StringComparison.Ordinal);
        var (_, json, _) = await CliRun.Run("reports", "list", "--data", temp.Sub("data"), "--json");
        var record = Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("deaths").EnumerateArray().ToList());
        Assert.Equal("SIGTERM", record.GetProperty("signal").GetString());
    }

    private static void NeedLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Requirement.Unmet("Linux: /proc and PR_SET_CHILD_SUBREAPER");
        }
    }

    /// <summary>The supervisor's pid and <paramref name="seen"/>'s pid as seen from here (behind unshare, both live in the new namespace).</summary>
    private static (int Supervisor, int Process) Resolve(SupervisorProcess supervisor, bool asPid1, int seen)
    {
        if (!asPid1)
        {
            return (supervisor.Pid, seen);
        }

        var inside = Assert.Single(SupervisorProcess.ChildrenOf(supervisor.Pid));
        var host = SupervisorProcess.HostPid(inside, seen);
        Assert.NotNull(host);
        return (inside, host.Value);
    }
}
