using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Cli;

public sealed class SignalForwardingTests
{
    private const int SigTerm = 15;

    [Fact]
    public async Task SIGTERM_to_panicpath_run_reaches_the_child_is_recorded_stops_restarts_and_is_mirrored()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // POSIX signals.
        }

        using var temp = new TempDirectory();
        var start = new ProcessStartInfo(Crasher.Dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Crasher.CliDll, "run", "--data", temp.Sub("data"), "--dump-type", "1", "--restart", "always", "--max-restarts", "5", "--", Crasher.Dotnet, Crasher.Dll, "hang" })
        {
            start.ArgumentList.Add(argument);
        }

        using var supervisor = Process.Start(start)!;
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

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
