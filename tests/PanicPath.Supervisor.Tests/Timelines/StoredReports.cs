using System.Text;
using System.Text.Json;
using PanicPath.Reports;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Timelines;

/// <summary>Real crash reports: a crasher run under <c>panicpath run</c>, its stored record read back with <c>reports show --json</c>.</summary>
internal static class StoredReports
{
    /// <summary>Runs the crasher with <paramref name="arguments"/> (its mode first) under the supervisor (store in <paramref name="temp"/>) and answers the stored death's report.</summary>
    public static async Task<CrashReport> Of(TempDirectory temp, params string[] arguments)
    {
        var (exit, _, error) = await CliRun.Run(["run", "--data", temp.Sub("data"), "--dumps", temp.Sub("dumps"), "--dump-type", "1", "--", Crasher.Dotnet, Crasher.Dll, .. arguments]);
        Assert.True(exit != 0, $"the crasher did not die: {error}");
        var (shown, json, showError) = await CliRun.Run("reports", "show", "1", "--data", temp.Sub("data"), "--json");
        Assert.True(shown == 0, showError);
        using var record = JsonDocument.Parse(json);
        var report = record.RootElement.GetProperty("report");
        Assert.Equal(JsonValueKind.Object, report.ValueKind);
        return CrashReport.Parse(Encoding.UTF8.GetBytes(report.GetRawText()));
    }
}
