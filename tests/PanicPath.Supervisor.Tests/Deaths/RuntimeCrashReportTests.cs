using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Deaths;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RuntimeCrashReportTests
{
    private const string Report = """{"payload":{"threads":[{"crashed":"true","managed_exception_type":"System.StackOverflowException","stack_frames":[{"method_name":"Crashers.Deaths.Recurse()"}]}]}}""";

    [Fact]
    public void A_crash_report_in_the_dump_directory_is_read_but_not_through_a_symbolic_link()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Sub("outside.json"), Report);
        File.CreateSymbolicLink(temp.Sub("core.1.crashreport.json"), temp.Sub("outside.json"));
        File.WriteAllText(temp.Sub("core.2.crashreport.json"), Report);

        Assert.Null(RuntimeCrashReport.TryRead(temp.Sub("core.1.crashreport.json")));
        var read = RuntimeCrashReport.TryRead(temp.Sub("core.2.crashreport.json"));
        Assert.Equal("System.StackOverflowException", read!.ExceptionType);
        Assert.Equal(["Crashers.Deaths.Recurse()"], read.Frames);
    }
}
