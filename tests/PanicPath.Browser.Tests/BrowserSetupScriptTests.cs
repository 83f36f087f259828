using PanicPath.Supervisor.Tests.Support;
using PanicPath.TestSupport;

namespace PanicPath.Browser.Tests;

/// <summary>
/// <c>.ci/browser-setup</c>, which <c>.ci/run</c> runs as its own phase before the tests: it installs Debian's
/// chromium and chromium-driver through apt-get when either binary is missing, does nothing when both are
/// there, and names the failing step with an error line and a non-zero exit. Run here with the two binaries'
/// paths in a temporary directory and an <c>apt-get</c> first on PATH that records what it is asked and, told
/// to, installs the binaries there or fails, so nothing is installed on this machine.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BrowserSetupScriptTests : IDisposable
{
    private readonly TempDirectory temp = new();

    private string Chromium => temp.Sub("usr-bin/chromium");

    private string ChromeDriver => temp.Sub("usr-bin/chromedriver");

    private string Calls => temp.Sub("apt-get.calls");

    [Fact]
    public async Task With_both_binaries_there_nothing_is_installed_and_nothing_printed()
    {
        Binary(Chromium);
        Binary(ChromeDriver);

        var (exit, output, error) = await Setup(aptGetInstalls: true);

        Assert.Equal(0, exit);
        Assert.Equal("", output + error);
        Assert.False(File.Exists(Calls), "apt-get was run");
    }

    [Fact]
    public async Task A_missing_driver_installs_chromium_and_chromium_driver_from_Debians_packages_and_says_so()
    {
        Binary(Chromium);

        var (exit, output, error) = await Setup(aptGetInstalls: true);

        Assert.True(exit == 0, error);
        Assert.Equal(["-qq update", "-qq install -y chromium chromium-driver"], File.ReadAllLines(Calls));
        Assert.StartsWith("ci: installed Debian's chromium and chromium-driver", output, StringComparison.Ordinal);
        Assert.True(File.Exists(ChromeDriver));
    }

    [Fact]
    public async Task A_failed_install_is_one_error_line_naming_it_and_a_failing_exit()
    {
        var (exit, output, error) = await Setup(aptGetInstalls: false);

        Assert.NotEqual(0, exit);
        Assert.Equal("", output);
        Assert.Equal("ci: ERROR: browser setup: apt-get install chromium chromium-driver failed", error.TrimEnd());
    }

    [Fact]
    public async Task Packages_that_leave_a_binary_missing_are_an_error_naming_the_binary()
    {
        var (exit, _, error) = await Setup(aptGetInstalls: true, installs: [Chromium]);

        Assert.NotEqual(0, exit);
        Assert.Equal($"ci: ERROR: browser setup: chromium and chromium-driver are installed but {ChromeDriver} is not an executable", error.TrimEnd());
    }

    [Fact]
    public void The_ci_script_runs_the_browser_setup_as_its_own_timed_phase_before_the_tests()
    {
        var run = File.ReadAllText(Path.Combine(ExampleScenarios.Repository, ".ci", "run"));

        var setup = run.IndexOf("bash .ci/browser-setup", StringComparison.Ordinal);
        var phase = run.IndexOf("phase browser-setup", StringComparison.Ordinal);
        var tests = run.IndexOf("dotnet test PanicPath.slnx", StringComparison.Ordinal);
        Assert.True(setup >= 0 && phase > setup && tests > phase, ".ci/run runs bash .ci/browser-setup, then prints its phase, then runs the tests");
    }

    public void Dispose() => temp.Dispose();

    private static void Binary(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\necho Chromium 1.0\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>
    /// Runs the script with a fake apt-get first on PATH: it appends its arguments to <see cref="Calls"/>; on
    /// <c>install</c> it makes <paramref name="installs"/> (default both binaries) when
    /// <paramref name="aptGetInstalls"/>, else fails with exit 100 as apt-get does.
    /// </summary>
    private async Task<(int Exit, string Out, string Err)> Setup(bool aptGetInstalls, string[]? installs = null)
    {
        var bin = temp.Sub("fake-bin");
        Directory.CreateDirectory(bin);
        var made = string.Join("\n", (installs ?? [Chromium, ChromeDriver]).Select(path => $"  mkdir -p '{Path.GetDirectoryName(path)}' && printf '#!/bin/sh\\necho Chromium 1.0\\n' > '{path}' && chmod 700 '{path}'"));
        var aptGet = Path.Combine(bin, "apt-get");
        File.WriteAllText(aptGet, $$"""
            #!/bin/sh
            echo "$*" >> '{{Calls}}'
            case "$*" in
              *install*)
                {{(aptGetInstalls ? "" : "exit 100")}}
            {{made}}
                ;;
            esac
            exit 0

            """);
        File.SetUnixFileMode(aptGet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var (_, exit, output, error) = await CliProcess.RunProgram(
            "bash",
            [Path.Combine(ExampleScenarios.Repository, ".ci", "browser-setup"), Chromium, ChromeDriver],
            new Dictionary<string, string?> { ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH") });
        return (exit, output, error);
    }
}
