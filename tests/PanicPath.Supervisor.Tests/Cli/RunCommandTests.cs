using System.Text.Json;
using PanicPath.Cli;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Cli;

public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_mirrors_an_unhandled_exception_and_the_record_lists_as_json_with_dump_and_crash_report()
    {
        using var temp = new TempDirectory();
        var (exit, output, error) = await CliRun.RunCrasher(temp, "unhandled");

        Assert.Equal(134, exit);
        Assert.Contains("crasher unhandled pid", output, StringComparison.Ordinal);
        Assert.Contains("panicpath: recorded death 1: unhandled-exception, exit code 134 (SIGABRT)", error, StringComparison.Ordinal);
        var (listed, json, _) = await CliRun.Run("reports", "list", "--data", temp.Sub("data"), "--json");
        Assert.Equal(ExitCodes.Fine, listed);
        var record = Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("deaths").EnumerateArray().ToList());
        Assert.Equal(1, record.GetProperty("id").GetInt64());
        Assert.Equal("unhandled-exception", record.GetProperty("cause").GetString());
        Assert.Equal(134, record.GetProperty("exitCode").GetInt32());
        Assert.Equal("SIGABRT", record.GetProperty("signal").GetString());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("report").ValueKind);
        Assert.True(File.Exists(record.GetProperty("dump").GetString()));
        Assert.True(File.Exists(record.GetProperty("crashReport").GetString()));
        Assert.Matches("^[0-9a-f]{16}$", record.GetProperty("signature").GetString()!);
        Assert.Contains("Unhandled exception.", record.GetProperty("stderrTail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Crashers.Deaths.<>c.<Unhandled>", json, StringComparison.Ordinal); // readable, not \u003C-escaped
    }

    [Fact]
    public async Task Run_of_an_oops_panic_stores_the_in_process_report_and_show_prints_it_as_json()
    {
        using var temp = new TempDirectory();
        var (exit, _, _) = await CliRun.RunCrasher(temp, "oops-panic");

        Assert.Equal(134, exit);
        var (shown, json, _) = await CliRun.Run("reports", "show", "1", "--data", temp.Sub("data"), "--json");
        Assert.Equal(ExitCodes.Fine, shown);
        var record = JsonDocument.Parse(json).RootElement;
        Assert.Equal("oops-panic", record.GetProperty("cause").GetString());
        var report = record.GetProperty("report");
        Assert.Equal("oops", report.GetProperty("kind").GetString());
        Assert.Equal("System.TimeoutException", report.GetProperty("exception").GetProperty("type").GetString());
        Assert.Equal(report.GetProperty("exception").GetProperty("signature").GetString(), record.GetProperty("signature").GetString());
    }

    [Fact]
    public async Task A_clean_exit_under_run_is_a_run_that_ended_cleanly_in_no_bucket_listed_only_with_all()
    {
        using var temp = new TempDirectory();
        var (exit, _, error) = await CliRun.RunCrasher(temp, "exit0");
        var data = temp.Sub("data");

        Assert.Equal(0, exit);
        Assert.Contains("panicpath: run ended cleanly (exit code 0), recorded as 1", error, StringComparison.Ordinal);
        var (_, deaths, _) = await CliRun.Run("reports", "list", "--data", data, "--json");
        Assert.Empty(JsonDocument.Parse(deaths).RootElement.GetProperty("deaths").EnumerateArray());
        var (_, table, _) = await CliRun.Run("reports", "list", "--data", data);
        Assert.DoesNotContain("clean-exit", table, StringComparison.Ordinal);
        var (listed, all, _) = await CliRun.Run("reports", "list", "--all", "--data", data, "--json");
        Assert.Equal(ExitCodes.Fine, listed);
        var run = Assert.Single(JsonDocument.Parse(all).RootElement.GetProperty("deaths").EnumerateArray().ToList());
        Assert.Equal("clean-exit", run.GetProperty("cause").GetString());
        Assert.Equal(0, run.GetProperty("exitCode").GetInt32());
        var (_, buckets, _) = await CliRun.Run("reports", "buckets", "--data", data, "--json");
        Assert.Empty(JsonDocument.Parse(buckets).RootElement.GetProperty("buckets").EnumerateArray());
        var (shown, show, _) = await CliRun.Run("reports", "show", "1", "--data", data);
        Assert.Equal(ExitCodes.Fine, shown);
        Assert.Contains("exited cleanly (exit code 0)", show, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_mirrors_a_native_fault_as_128_plus_SIGSEGV()
    {
        using var temp = new TempDirectory();
        var (exit, _, error) = await CliRun.RunCrasher(temp, "segv");

        Assert.Equal(139, exit);
        Assert.Contains("signal, exit code 139 (SIGSEGV)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_on_failure_restarts_up_to_the_maximum_and_the_bucket_counts_every_death()
    {
        using var temp = new TempDirectory();
        var (exit, _, _) = await CliRun.RunCrasher(temp, "exit3", "--restart", "on-failure", "--max-restarts", "2", "--backoff", "0");

        Assert.Equal(3, exit);
        var (code, json, _) = await CliRun.Run("reports", "buckets", "--data", temp.Sub("data"), "--json");
        Assert.Equal(ExitCodes.Fine, code);
        var bucket = Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("buckets").EnumerateArray().ToList());
        Assert.Equal(3, bucket.GetProperty("count").GetInt64());
        Assert.Equal("exit-code", bucket.GetProperty("cause").GetString());
    }

    [Fact]
    public async Task Reports_list_and_buckets_print_tables_with_each_death()
    {
        using var temp = new TempDirectory();
        await CliRun.RunCrasher(temp, "sigkill");
        await CliRun.RunCrasher(temp, "exit3");

        var (listed, list, _) = await CliRun.Run("reports", "list", "--data", temp.Sub("data"));
        var (bucketed, buckets, _) = await CliRun.Run("reports", "buckets", "--data", temp.Sub("data"));
        var (shown, show, _) = await CliRun.Run("reports", "show", "1", "--data", temp.Sub("data"));

        Assert.Equal((0, 0, 0), (listed, bucketed, shown));
        var rows = list.Split('\n').Where(l => l.TrimStart().StartsWith('1') || l.TrimStart().StartsWith('2')).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("SIGKILL", rows.Single(r => r.TrimStart().StartsWith('1')), StringComparison.Ordinal);
        Assert.Contains("exit code 3", rows.Single(r => r.TrimStart().StartsWith('2')), StringComparison.Ordinal);
        Assert.Contains("killed by SIGKILL", buckets, StringComparison.Ordinal);
        Assert.Contains("exit code 3", buckets, StringComparison.Ordinal);
        Assert.Contains("crasher sigkill pid", show, StringComparison.Ordinal);
    }
}
