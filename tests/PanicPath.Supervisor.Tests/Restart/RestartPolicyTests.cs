using PanicPath.Supervisor.Restart;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Restart;

public sealed class RestartPolicyTests
{
    private static RestartSchedule Schedule(RestartPolicy policy, int max) => new(policy, max, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(40));

    [Fact]
    public async Task On_failure_restarts_a_failing_process_up_to_the_maximum_then_stops_with_its_exit_code()
    {
        using var temp = new TempDirectory();
        var result = await Crasher.Run(temp, "exit3", Schedule(RestartPolicy.OnFailure, 2));

        Assert.Equal([0, 1, 2], result.Deaths.Select(d => d.Attempt).ToArray());
        Assert.All(result.Deaths, d => Assert.Equal(3, d.ExitCode));
        Assert.Single(result.Deaths.Select(d => d.RunId).Distinct());
        Assert.Equal(3, result.Deaths.Select(d => d.Pid).Distinct().Count());
        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public async Task On_failure_does_not_restart_a_clean_exit()
    {
        using var temp = new TempDirectory();
        var result = await Crasher.Run(temp, "exit0", Schedule(RestartPolicy.OnFailure, 2));

        Assert.Single(result.Deaths);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Always_restarts_a_clean_exit_up_to_the_maximum()
    {
        using var temp = new TempDirectory();
        var result = await Crasher.Run(temp, "exit0", Schedule(RestartPolicy.Always, 2));

        Assert.Equal(3, result.Deaths.Count);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Never_records_a_failing_process_once()
    {
        using var temp = new TempDirectory();
        var result = await Crasher.Run(temp, "exit3", Schedule(RestartPolicy.Never, 5));

        Assert.Single(result.Deaths);
        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public async Task A_signal_death_restarts_on_failure_and_the_last_exit_code_is_mirrored()
    {
        using var temp = new TempDirectory();
        var result = await Crasher.Run(temp, "sigkill", Schedule(RestartPolicy.OnFailure, 1));

        Assert.Equal(2, result.Deaths.Count);
        Assert.Equal(137, result.ExitCode);
    }

    [Fact]
    public void The_back_off_doubles_from_the_initial_delay_up_to_the_maximum()
    {
        var schedule = new RestartSchedule(RestartPolicy.Always, 10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

        Assert.Equal(
            [1, 2, 4, 5, 5],
            Enumerable.Range(1, 5).Select(n => schedule.DelayBefore(n).TotalSeconds).ToArray());
    }

    [Theory]
    [InlineData(RestartPolicy.Never, 0, 0, false)]
    [InlineData(RestartPolicy.Never, 3, 0, false)]
    [InlineData(RestartPolicy.OnFailure, 0, 0, false)]
    [InlineData(RestartPolicy.OnFailure, 3, 0, true)]
    [InlineData(RestartPolicy.OnFailure, 3, 2, false)]
    [InlineData(RestartPolicy.Always, 0, 1, true)]
    [InlineData(RestartPolicy.Always, 0, 2, false)]
    public void ShouldRestart_follows_the_policy_and_the_maximum(RestartPolicy policy, int exitCode, int restartsSoFar, bool expected)
    {
        Assert.Equal(expected, new RestartSchedule(policy, 2, TimeSpan.Zero, TimeSpan.Zero).ShouldRestart(exitCode, restartsSoFar));
    }
}
