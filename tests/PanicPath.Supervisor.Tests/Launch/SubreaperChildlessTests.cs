using System.Diagnostics;
using PanicPath.Supervisor.Launch;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Launch;

/// <summary>
/// The subreaper's look at whether the supervisor has any child at all (<see cref="Subreaper.HasNoChild"/>),
/// which lets the end of a life skip reading the kernel's lists of children when there is none: a
/// process with a child running, or stopped, is never taken for childless.
/// </summary>
public sealed class SubreaperChildlessTests
{
    [Fact]
    public void A_process_with_a_child_running_is_not_taken_for_childless()
    {
        NeedLinux();
        using var child = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            Assert.False(Subreaper.HasNoChild());
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }

    [Fact]
    public void A_process_whose_child_is_stopped_is_not_taken_for_childless()
    {
        NeedLinux();
        // The child stops itself: still a child, and not running.
        using var child = Process.Start(new ProcessStartInfo("sh", ["-c", "kill -STOP $$; exit 0"]) { UseShellExecute = false })!;
        try
        {
            Assert.True(SpinWait.SpinUntil(() => SupervisorProcess.Status(child.Id, "State")?.StartsWith('T') == true, TimeSpan.FromSeconds(30)));
            Assert.False(Subreaper.HasNoChild());
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }

    private static void NeedLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Requirement.Unmet("Linux: waitid with __WALL");
        }
    }
}
