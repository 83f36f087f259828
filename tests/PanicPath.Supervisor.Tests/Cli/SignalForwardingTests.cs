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
            var record = Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("deaths").EnumerateArray().ToList());
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
            Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("deaths").EnumerateArray().ToList());
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
        Assert.Equal(2, JsonDocument.Parse(json).RootElement.GetProperty("deaths").GetArrayLength());
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
        NotIgnoredHere(signal, name);
        using var temp = new TempDirectory();
        using var supervisor = SupervisorProcess.Start(temp, ["--restart", "always", "--max-restarts", "5", "--backoff", "0", "--", Crasher.Dotnet, Crasher.Dll, "record-signals"]);
        supervisor.Track(await supervisor.NumberAfter("crasher record-signals pid "));
        await supervisor.LineStartingWith("crasher recording signals");

        SupervisorProcess.Send(supervisor.Pid, signal);
        await supervisor.LineStartingWith($"crasher got {name}");

        Assert.Equal(0, await supervisor.ExitCode());
        var (_, json, _) = await CliRun.Run("reports", "list", "--all", "--data", temp.Sub("data"), "--json");
        Assert.Equal(1, JsonDocument.Parse(json).RootElement.GetProperty("deaths").GetArrayLength());
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task A_stop_signal_ignored_when_the_supervisor_starts_stays_ignored_by_it_and_by_its_child_and_the_run_goes_on()
    {
        NeedLinux();
        NotIgnoredHere(SigTerm, "SIGTERM");
        using var temp = new TempDirectory();

        // As under nohup: SIGHUP ignored from the start, which the supervisor and then its child inherit.
        string[] ignoringHup = ["/bin/sh", "-c", "trap '' HUP; exec \"$0\" \"$@\""];
        using var supervisor = SupervisorProcess.Start(temp, ["--restart", "always", "--max-restarts", "5", "--backoff", "0", "--", Crasher.Dotnet, Crasher.Dll, "record-signals"], prefix: ignoringHup);
        var child = supervisor.Track(await supervisor.NumberAfter("crasher record-signals pid "));
        await supervisor.LineStartingWith("crasher recording signals");

        SupervisorProcess.Send(supervisor.Pid, SigHup);
        SupervisorProcess.Send(supervisor.Pid, SigUsr1);
        await supervisor.LineStartingWith("crasher got SIGUSR1");
        Assert.True(IgnoredBy(supervisor.Pid, SigHup), "the supervisor keeps SIGHUP ignored");
        Assert.True(IgnoredBy(child, SigHup), "the child inherits SIGHUP ignored");

        SupervisorProcess.Send(supervisor.Pid, SigTerm);
        Assert.Equal("crasher got SIGTERM", await supervisor.LineStartingWith("crasher got "));
        Assert.Equal(0, await supervisor.ExitCode());
    }

    /// <summary>
    /// A signal this test process ignores is ignored by every process it starts (a shell's background job
    /// ignores SIGINT and SIGQUIT, nohup ignores SIGHUP), and the supervisor keeps an inherited ignore as any
    /// program does: a test that sends it would wait in vain, so it says why instead.
    /// </summary>
    private static void NotIgnoredHere(int signal, string name)
    {
        if (IgnoredBy(Environment.ProcessId, signal))
        {
            Requirement.Unmet($"{name} is ignored by the test process (started under nohup, or as a background job of a shell without job control), and every process it starts inherits that");
        }
    }

    private static bool IgnoredBy(int pid, int signal)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("SigIgn:", StringComparison.Ordinal))
            {
                var mask = ulong.Parse(line.AsSpan(7).Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
                return (mask & (1UL << (signal - 1))) != 0;
            }
        }

        return false;
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
