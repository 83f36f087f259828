using System.Diagnostics;
using System.Globalization;
using PanicPath.Supervisor.Channel;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Channel;

/// <summary>
/// The process tree read from the kernel's lists of each process's children: the children of a process,
/// and its living descendants found by walking down from it (what the subreaper ends and reaps when a
/// life ends), the same as one pass over every process in <c>/proc</c> finds, with an excluded child left
/// out with everything below it.
/// </summary>
public sealed class ProcessTreeTests
{
    [Fact]
    public void The_children_of_a_process_are_the_ones_it_forked_and_a_childless_process_has_none()
    {
        NeedChildLists();
        using var shell = StartShellWithChild(out var grandchild);

        Assert.Contains(shell.Id, ProcessTree.ChildrenOf(Environment.ProcessId)!);
        Assert.Equal([grandchild], ProcessTree.ChildrenOf(shell.Id)!);
        Assert.Equal([], ProcessTree.ChildrenOf(grandchild)!);
    }

    [Fact]
    public void Live_descendants_below_children_are_found_and_an_excluded_child_is_left_out_with_everything_below_it()
    {
        NeedChildLists();
        using var kept = StartShellWithChild(out var keptChild);
        using var excluded = StartShellWithChild(out var excludedChild);
        var mine = new HashSet<int> { kept.Id, keptChild, excluded.Id, excludedChild };

        var walked = ProcessTree.LiveDescendantsOf(Environment.ProcessId, new HashSet<int> { excluded.Id });
        var scanned = ProcessTree.LiveDescendantsByScan(Environment.ProcessId, new HashSet<int> { excluded.Id });

        Assert.Equal([kept.Id, keptChild], walked.Where(mine.Contains).Order());
        Assert.Equal(scanned.Where(mine.Contains).Order(), walked.Where(mine.Contains).Order());
    }

    [Fact]
    public void A_process_that_is_gone_has_no_children()
    {
        NeedChildLists();
        using var shell = StartShellWithChild(out var grandchild);
        shell.Kill(entireProcessTree: true);
        shell.WaitForExit();

        Assert.Equal([], ProcessTree.ChildrenOf(shell.Id)!);
        Assert.DoesNotContain(shell.Id, ProcessTree.LiveDescendantsOf(Environment.ProcessId, new HashSet<int>()));
    }

    /// <summary>Starts <c>sh</c> that forks a <c>sleep</c> and waits for it; answers the shell, and the sleep's pid.</summary>
    private static KilledOnDispose StartShellWithChild(out int child)
    {
        var start = new ProcessStartInfo("sh", ["-c", "sleep 600 & echo $!; wait"]) { RedirectStandardOutput = true };
        var shell = new KilledOnDispose(Process.Start(start)!);
        child = int.Parse(shell.Process.StandardOutput.ReadLine()!, CultureInfo.InvariantCulture);
        return shell;
    }

    private static void NeedChildLists()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists($"/proc/self/task/{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}/children"))
        {
            Requirement.Unmet("Linux with /proc/PID/task/TID/children (CONFIG_PROC_CHILDREN)");
        }
    }

    /// <summary>A started process, killed with everything below it on dispose.</summary>
    private sealed class KilledOnDispose(Process process) : IDisposable
    {
        public Process Process { get; } = process;

        public int Id => Process.Id;

        public void Kill(bool entireProcessTree) => Process.Kill(entireProcessTree);

        public void WaitForExit() => Process.WaitForExit();

        public void Dispose()
        {
            try
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            Process.Dispose();
        }
    }
}
