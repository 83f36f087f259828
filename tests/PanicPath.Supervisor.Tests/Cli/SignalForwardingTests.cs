using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Cli;

public sealed class SignalForwardingTests
{
    private const int SigHup = 1;
    private const int SigInt = 2;
    private const int SigQuit = 3;
    private const int SigUsr1 = 10;
    private const int SigUsr2 = 12;
    private const int SigTerm = 15;
    private const int SigWinch = 28;

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task SIGTERM_to_panicpath_run_reaches_the_child_is_recorded_stops_restarts_and_is_mirrored()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // POSIX signals.
        }

        using var temp = new TempDirectory();
        using var supervisor = StartCli(temp, "--restart", "always", "--max-restarts", "5", "--", Crasher.Dotnet, Crasher.Dll, "hang");
        var errorText = supervisor.StandardError.ReadToEndAsync();
        try
        {
            var line = await supervisor.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.NotNull(line);
            Assert.StartsWith("crasher hang pid ", line, StringComparison.Ordinal);
            var childPid = int.Parse(line["crasher hang pid ".Length..], System.Globalization.CultureInfo.InvariantCulture);

            Assert.Equal(0, Kill(supervisor.Id, SigTerm));
            await supervisor.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

            Assert.Equal(143, supervisor.ExitCode);
            Assert.Contains("killed by SIGTERM", await errorText, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => Process.GetProcessById(childPid));
            var (_, json, _) = await CliRun.Run("reports", "list", "--data", temp.Sub("data"), "--json");
            var record = Assert.Single(JsonDocument.Parse(json).RootElement.EnumerateArray().ToList());
            Assert.Equal("signal", record.GetProperty("cause").GetString());
            Assert.Equal("SIGTERM", record.GetProperty("signal").GetString());
            Assert.Equal(childPid, record.GetProperty("pid").GetInt32());
        }
        finally
        {
            if (!supervisor.HasExited)
            {
                supervisor.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task SIGTERM_during_the_restart_back_off_ends_the_run_without_waiting_it_out()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // POSIX signals.
        }

        using var temp = new TempDirectory();
        using var supervisor = StartCli(temp, "--restart", "always", "--max-restarts", "5", "--backoff", "3600", "--", Crasher.Dotnet, Crasher.Dll, "exit3");
        try
        {
            string? line;
            do
            {
                line = await supervisor.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
            }
            while (line is not null && !line.Contains("restart 1 of 5 in 3600 s", StringComparison.Ordinal));

            Assert.NotNull(line);
            Assert.Equal(0, Kill(supervisor.Id, SigTerm));
            await supervisor.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

            Assert.Equal(3, supervisor.ExitCode);
            var (_, json, _) = await CliRun.Run("reports", "list", "--data", temp.Sub("data"), "--json");
            Assert.Single(JsonDocument.Parse(json).RootElement.EnumerateArray().ToList());
        }
        finally
        {
            if (!supervisor.HasExited)
            {
                supervisor.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task USR1_USR2_and_WINCH_reach_the_child_and_do_not_stop_the_run()
    {
        NeedLinux();
        using var temp = new TempDirectory();
        using var supervisor = SupervisorProcess.Start(temp, ["--restart", "always", "--max-restarts", "1", "--backoff", "0", "--", Crasher.Dotnet, Crasher.Dll, "record-signals"]);
        var first = supervisor.Track(await supervisor.NumberAfter("crasher record-signals pid "));
        await supervisor.LineStartingWith("crasher recording signals");
        foreach (var (signal, name) in new[] { (SigUsr1, "SIGUSR1"), (SigUsr2, "SIGUSR2"), (SigWinch, "SIGWINCH") })
        {
            SupervisorProcess.Send(supervisor.Pid, signal);
            await supervisor.LineStartingWith($"crasher got {name}");
        }

        // The child ends by itself (a TERM sent to it, not to the supervisor): the run was not stopped, so it restarts.
        SupervisorProcess.Send(first, SigTerm);
        var second = supervisor.Track(await supervisor.NumberAfter("crasher record-signals pid "));
        Assert.NotEqual(first, second);
        await supervisor.LineStartingWith("crasher recording signals");
        SupervisorProcess.Send(supervisor.Pid, SigTerm);
        await supervisor.LineStartingWith("crasher got SIGTERM");

        Assert.Equal(0, await supervisor.ExitCode());
        var (_, json, _) = await CliRun.Run("reports", "list", "--all", "--data", temp.Sub("data"), "--json");
        Assert.Equal(2, JsonDocument.Parse(json).RootElement.GetArrayLength());
    }

    [Theory]
    [InlineData(SigHup, "SIGHUP")]
    [InlineData(SigInt, "SIGINT")]
    [InlineData(SigQuit, "SIGQUIT")]
    [InlineData(SigTerm, "SIGTERM")]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task A_stop_signal_reaches_the_child_and_ends_the_run_without_restart(int signal, string name)
    {
        NeedLinux();
        using var temp = new TempDirectory();
        using var supervisor = SupervisorProcess.Start(temp, ["--restart", "always", "--max-restarts", "5", "--backoff", "0", "--", Crasher.Dotnet, Crasher.Dll, "record-signals"]);
        supervisor.Track(await supervisor.NumberAfter("crasher record-signals pid "));
        await supervisor.LineStartingWith("crasher recording signals");

        SupervisorProcess.Send(supervisor.Pid, signal);
        await supervisor.LineStartingWith($"crasher got {name}");

        Assert.Equal(0, await supervisor.ExitCode());
        var (_, json, _) = await CliRun.Run("reports", "list", "--all", "--data", temp.Sub("data"), "--json");
        Assert.Equal(1, JsonDocument.Parse(json).RootElement.GetArrayLength());
    }

    private static void NeedLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Requirement.Unmet("Linux signal numbers");
        }
    }

    private static Process StartCli(TempDirectory temp, params string[] arguments)
    {
        var cli = Crasher.Cli;
        var start = new ProcessStartInfo(cli[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in cli[1..].Concat(new[] { "run", "--data", temp.Sub("data"), "--dump-type", "1" }).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
