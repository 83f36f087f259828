using PanicPath.Supervisor.Launch;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Launch;

public sealed class CrashCaptureSettingsTests
{
    [Fact]
    public void Arming_sets_the_four_runtime_variables_with_a_per_pid_dump_name_and_creates_the_directory()
    {
        using var temp = new TempDirectory();
        var dumps = temp.Sub("dumps");
        var environment = new Dictionary<string, string?>();

        new CrashCaptureSettings(dumps, 3).Arm(environment);

        Assert.Equal("1", environment["DOTNET_DbgEnableMiniDump"]);
        Assert.Equal("3", environment["DOTNET_DbgMiniDumpType"]);
        Assert.Equal(Path.Combine(dumps, "core.%p"), environment["DOTNET_DbgMiniDumpName"]);
        Assert.Equal("1", environment["DOTNET_EnableCrashReport"]);
        Assert.True(Directory.Exists(dumps));
        Assert.Equal(Path.Combine(dumps, "core.42.crashreport.json"), new CrashCaptureSettings(dumps).CrashReportPath(42));
    }

    [Fact]
    public void Disarmed_capture_turns_the_dump_and_crash_report_off_and_creates_no_directory()
    {
        using var temp = new TempDirectory();
        var dumps = temp.Sub("dumps");
        var environment = new Dictionary<string, string?> { ["DOTNET_DbgEnableMiniDump"] = "1", ["DOTNET_EnableCrashReport"] = "1" };

        new CrashCaptureSettings(dumps) { Armed = false }.Arm(environment);

        Assert.Equal("0", environment["DOTNET_DbgEnableMiniDump"]);
        Assert.Equal("0", environment["DOTNET_EnableCrashReport"]);
        Assert.False(environment.ContainsKey("DOTNET_DbgMiniDumpName"));
        Assert.False(Directory.Exists(dumps));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void A_dump_type_outside_1_to_4_is_refused(int type)
    {
        using var temp = new TempDirectory();

        Assert.Throws<ArgumentOutOfRangeException>(() => new CrashCaptureSettings(temp.Path, type).Arm(new Dictionary<string, string?>()));
    }

    [Fact]
    public void The_tail_keeps_the_last_lines_in_order()
    {
        var tail = new OutputTail(2);
        foreach (var line in new[] { "a", "b", "c" })
        {
            tail.Add(line);
        }

        Assert.Equal("b\nc", tail.ToString());
        var none = new OutputTail(0);
        none.Add("x");
        Assert.Equal(string.Empty, none.ToString());
    }
}
