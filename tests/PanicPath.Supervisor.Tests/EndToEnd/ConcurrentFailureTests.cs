using System.Diagnostics;
using System.Text.Json;
using PanicPath.Cli;
using PanicPath.Reports;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.EndToEnd;

public sealed class ConcurrentFailureTests
{
    [Fact]
    public async Task Thirty_two_threads_failing_at_once_give_one_record_with_the_in_process_report()
    {
        using var temp = new TempDirectory();
        var (exit, _, error) = await CliRun.RunCrasher(temp, "panicpath-32-threads");

        Assert.Equal(134, exit);
        Assert.Contains("panicpath: recorded death 1: unhandled-exception", error, StringComparison.Ordinal);
        var (listed, json, _) = await CliRun.Run("reports", "list", "--data", temp.Sub("data"), "--json");
        Assert.Equal(ExitCodes.Fine, listed);
        var record = Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("deaths").EnumerateArray().ToList());
        Assert.Equal(DeathCause.UnhandledException, record.GetProperty("cause").GetString());
        Assert.Equal("System.InvalidOperationException: crasher unhandled", record.GetProperty("title").GetString());
        var report = record.GetProperty("report");
        Assert.Equal(JsonValueKind.Object, report.ValueKind);
        Assert.Equal("panic", report.GetProperty("kind").GetString());
        Assert.Equal("unhandled exception", report.GetProperty("reason").GetString());
        Assert.Equal("Crashers.Deaths.Throw", report.GetProperty("exception").GetProperty("method").GetString());
        Assert.Equal(report.GetProperty("exception").GetProperty("signature").GetString(), record.GetProperty("signature").GetString());
        Assert.Empty(Directory.GetFileSystemEntries(temp.Sub(Path.Combine("data", "spool")))); // nothing left behind to ingest later
    }

    [Fact]
    public async Task Thirty_two_threads_failing_at_once_spool_exactly_one_report()
    {
        using var temp = new TempDirectory();
        var spool = temp.Sub("spool");
        Directory.CreateDirectory(spool);
        var start = new ProcessStartInfo(Crasher.Dotnet) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Crasher.Dll);
        start.ArgumentList.Add("panicpath-32-threads");
        start.Environment["PANICPATH_SPOOL"] = spool;
        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(guard.Token);
        await Task.WhenAll(output, error);

        Assert.NotEqual(0, process.ExitCode);
        var file = Assert.Single(Directory.GetFiles(spool));
        Assert.EndsWith(".json", file, StringComparison.Ordinal);
        var report = CrashReport.Parse(File.ReadAllBytes(file));
        Assert.Equal("unhandled exception", report.Reason);
        Assert.Equal(process.Id, report.Pid);
    }
}
