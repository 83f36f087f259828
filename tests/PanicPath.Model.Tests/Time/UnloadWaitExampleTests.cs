using PanicPath.Model.Explorer;
using PanicPath.Model.Explorer.Summaries;
using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Tests.Time;

/// <summary>
/// <c>examples/hyperv/unload-wait-time.yaml</c>: <c>vmbus_wait_for_unload()</c>'s 100 s bounded wait, when the host does
/// not answer, delays kdump and the restart past their bounds, though the end state is the same.
/// </summary>
public sealed class UnloadWaitExampleTests
{
    private static readonly ExplorationReport Report =
        ScenarioExplorer.Explore(ScenarioParser.ParseFile(Path.Combine(Model.Examples, "unload-wait-time.yaml")));

    private static List<(string Condition, long Count)> Conditions(string invariant)
    {
        var cover = ConditionCover.Find(Report.Space.Radix, Report.Ran, Report.Invariants.Single(i => i.Invariant.Name == invariant).Violated, 8);
        Assert.True(cover.Exact);
        Assert.Equal(0, cover.Uncovered);
        return [.. cover.Conjunctions.Select(c => (ConditionText.Format(c, Report.Space.Dimensions), c.Count)).Order()];
    }

    [Fact]
    public void The_unanswered_unload_delays_kdump_by_100s_where_the_unload_runs_before_the_crash_kernel()
    {
        // x86's crash-shutdown hook unloads before kdump whatever the order; with crash_kexec_post_notifiers the panic
        // notifier does, on either architecture. arm64 dumping first has no hook and runs no notifier before kdump.
        Assert.Equal(
            [("arch == x86_64 && kexec_crash_loaded && !host_answers_unload", 12L),
             ("kexec_crash_loaded && crash_kexec_post_notifiers && !host_answers_unload", 12L)],
            Conditions("kdump-within-10s"));
        var (_, _, trace) = Report.Trace(Report.Invariants.Single(i => i.Invariant.Name == "kdump-within-10s").Violated.Ones().First());
        Assert.Contains(trace, s => s.Action == "invariant kdump-within-10s violated: crash-kernel-boot reached at t=100s, past its bound of 10s");
    }

    [Fact]
    public void The_unanswered_unload_turns_a_10s_panic_timeout_into_a_restart_after_110s()
    {
        Assert.Equal([("!kexec_crash_loaded && panic_timeout == 10 && !host_answers_unload", 12L)], Conditions("restart-within-20s"));
        var violation = Report.Invariants.Single(i => i.Invariant.Name == "restart-within-20s").Violated.Ones().First();
        Assert.Contains(Report.Trace(violation).Trace, s => s.Action == "invariant restart-within-20s violated: restart reached at t=110s, past its bound of 20s");
        Assert.True(Report.Invariants.Single(i => i.Invariant.Name == "terminates").Violated.IsEmpty);
    }
}
