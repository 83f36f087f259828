using System.Reflection;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.LastWords;
using PanicPath.Supervisor.Launch;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Deaths;

/// <summary>
/// Signatures of real deaths under the supervisor: the same crash of the crasher built as Debug and as
/// Release, a death through PanicPath's own fail-fast path, and exit-code deaths of different commands.
/// </summary>
public sealed class CrasherSignatureTests
{
    [Theory]
    [InlineData("unhandled")]
    [InlineData("panicpath-unhandled")]
    [InlineData("inner")]
    [InlineData("panicpath-inner")]
    public async Task The_same_crash_of_the_crasher_built_as_Debug_and_as_Release_has_one_signature(string mode)
    {
        using var temp = new TempDirectory();
        var configuration = typeof(CrasherSignatureTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var other = configuration == "Release" ? "Debug" : "Release";
        var otherDll = await Build(temp, other);

        var here = Assert.Single((await Run(temp, "here", Crasher.Dll, mode)).Deaths);
        var there = Assert.Single((await Run(temp, "there", otherDll, mode)).Deaths);

        Assert.Equal(here.Cause, there.Cause);
        Assert.NotEqual(here.Command, there.Command);
        Assert.Equal(here.Signature, there.Signature);
        Assert.Equal(here.Title, there.Title);
        Assert.Equal(here.Report?.Exception?.Signature, there.Report?.Exception?.Signature); // the in-process signature, with PanicPath
        Assert.Equal(mode.StartsWith("panicpath-", StringComparison.Ordinal), here.Report is not null);
    }

    [Fact]
    public async Task A_death_through_PanicPath_is_signed_and_shown_by_the_app_s_frames_not_PanicPath_s()
    {
        using var temp = new TempDirectory();
        var death = Assert.Single((await Run(temp, "run", Crasher.Dll, "panicpath-unhandled")).Deaths);
        var runtime = RuntimeCrashReport.TryRead(death.CrashReport!);
        Assert.NotNull(runtime);
        Assert.Contains(runtime.Frames, f => f.StartsWith("PanicPath.", StringComparison.Ordinal)); // it did die through PanicPath's exit path

        // Classified from the runtime's evidence alone (as when the in-process report is lost), the app's
        // frames below PanicPath's sign it and PanicPath's own frames are no part of it.
        var verdict = DeathClassifier.Classify(new DeathEvidence(death.ExitCode, null, runtime, death.StderrTail, death.Command));
        var appFrames = runtime.Frames.Where(f => !f.StartsWith("PanicPath.", StringComparison.Ordinal)).ToList();
        Assert.Equal(DeathSignature.Of(verdict.Cause, runtime.ExceptionType ?? verdict.Cause, appFrames), verdict.Signature);
        Assert.Contains("PanicPath.", death.StderrTail, StringComparison.Ordinal); // the tail itself is kept as captured

        // Its shown stack starts where the app was, from the report and, with the report lost, from the runtime's crash report.
        Assert.StartsWith("System.InvalidOperationException: crasher unhandled\n   at Crashers.Deaths.Throw()", death.ExceptionStack, StringComparison.Ordinal);
        var fromRuntime = DeathException.TryOf(death with { Report = null }, runtime);
        Assert.NotNull(fromRuntime);
        Assert.Equal("   at Crashers.Deaths.Throw()", fromRuntime.StackTrace.Split('\n')[1]);
        Assert.DoesNotContain("PanicPath.", fromRuntime.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exit_code_deaths_of_the_same_command_share_a_bucket_and_another_command_exiting_3_is_another()
    {
        using var temp = new TempDirectory();
        var copy = Directory.CreateDirectory(temp.Sub("copy")).FullName;
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory, "*", SearchOption.TopDirectoryOnly))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        var first = Assert.Single((await Run(temp, "a", Crasher.Dll, "exit3")).Deaths);
        var again = Assert.Single((await Run(temp, "b", Crasher.Dll, "exit3")).Deaths);
        var elsewhere = Assert.Single((await Run(temp, "c", Path.Combine(copy, "Crashers.dll"), "exit3")).Deaths);
        var shell = Assert.Single((await new ProcessSupervisor(Crasher.Options(temp, "exit3") with { Command = "sh", Arguments = ["-c", "exit 3"] }).RunAsync()).Deaths);

        Assert.All(new[] { first, again, elsewhere, shell }, d => Assert.Equal((DeathCause.ExitCode, 3), (d.Cause, d.ExitCode)));
        Assert.Equal(first.Signature, again.Signature);
        Assert.Equal(first.Signature, elsewhere.Signature); // the same program from another directory
        Assert.NotEqual(first.Signature, shell.Signature);
    }

    private static Task<SupervisorResult> Run(TempDirectory temp, string name, string dll, string mode)
    {
        var options = Crasher.Options(temp, mode);
        return new ProcessSupervisor(options with
        {
            Arguments = [dll, mode],
            Capture = new CrashCaptureSettings(temp.Sub($"dumps-{name}"), Crasher.DumpType),
            SpoolRoot = temp.Sub($"spool-{name}"),
        }).RunAsync();
    }

    /// <summary>Builds tests/Crashers in <paramref name="configuration"/> with outputs of its own under the temporary directory.</summary>
    private static async Task<string> Build(TempDirectory temp, string configuration)
    {
        var project = Path.Combine(PanicPath.TestSupport.ExampleScenarios.Repository, "tests", "Crashers", "Crashers.csproj");
        var artifacts = temp.Sub("artifacts");
        var (_, exit, output, error) = await CliProcess.RunProgram(Crasher.Dotnet, ["build", project, "-c", configuration, "--artifacts-path", artifacts, "-nologo"]);
        Assert.True(exit == 0, $"dotnet build -c {configuration} failed:\n{output}\n{error}");
        var dll = Directory.GetFiles(artifacts, "Crashers.dll", SearchOption.AllDirectories).Single(f => f.Contains(configuration.ToLowerInvariant(), StringComparison.Ordinal) && f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        return dll;
    }
}
