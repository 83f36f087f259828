using System.Diagnostics;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Cli;

/// <summary>
/// A command whose output cannot be written (standard output on a full disk, <c>/dev/full</c>) says so in
/// one line and exits 74, not 1 ("findings") with a stack trace.
/// </summary>
public sealed class OutputFailureTests
{
    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task Explore_whose_output_goes_to_a_full_disk_says_so_in_one_line_and_exits_74()
    {
        var scenario = PanicPath.TestSupport.ExampleScenarios.File("v0-before");
        if (!File.Exists("/dev/full"))
        {
            Requirement.Unmet("no /dev/full to stand for a full disk");
        }

        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", "exec \"$@\" >/dev/full", "sh" }.Concat(Crasher.Cli).Concat(["explore", scenario]))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(74, process.ExitCode);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("panicpath explore: cannot write or read: IOException: No space left on device", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

}
