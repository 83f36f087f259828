using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using PanicPath.Cli;
using PanicPath.Supervisor.Tests.Support;
using PanicPath.TestSupport;

namespace PanicPath.Supervisor.Tests.Cli;

/// <summary>
/// The command as it is shipped: started as a process (the JIT command, or the native binary that
/// <c>PANICPATH_NATIVE</c> names) it calls itself <c>panicpath</c>; packed as a dotnet tool and
/// installed into a tool path, it runs and its <c>demo</c> finds the demo service; published native, it
/// is linked with the runtime settings the supervisor's start and memory rely on.
/// </summary>
public sealed class CommandPackagingTests
{
    /// <summary>The feature switch of the native supervisor binary (<c>LeanSupervisor.Switch</c> in the command).</summary>
    private const string LeanSwitch = "PanicPath.Cli.LeanSupervisor";

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task Started_as_a_process_the_command_calls_itself_panicpath_in_its_usage()
    {
        var (exit, output, error) = await CliProcess.Run(new Dictionary<string, string?>(), "--help");
        var (badExit, _, badError) = await CliProcess.Run(new Dictionary<string, string?>(), "reports", "list", "--limit", "abc");

        Assert.True(exit == ExitCodes.Fine, error);
        Assert.Matches(@"Usage:\s+panicpath \[command\] \[options\]", output);
        Assert.Equal(ExitCodes.BadInput, badExit);
        Assert.Contains("See 'panicpath reports list --help'.", badError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_packed_tool_installs_into_a_tool_path_and_its_panicpath_runs_the_demo()
    {
        using var temp = new TempDirectory();
        var tools = temp.Sub("tools");

        // The command these tests were built with, packed as it is (no second build) into a feed of its own,
        // then installed from it as a user would, through a packages folder of its own (never a cached older build).
        var feed = await LocalFeed.Pack(temp, Path.Combine("src", "PanicPath.Cli", "PanicPath.Cli.csproj"));
        var (_, installed, installOutput, installError) = await CliProcess.RunProgram(Crasher.Dotnet,
            ["tool", "install", "PanicPath.Cli", "--tool-path", tools, "--configfile", feed.Config, "--version", typeof(PanicPathCommand).Assembly.GetName().Version!.ToString(3)],
            LocalFeed.DotnetEnvironment(feed.Packages));
        Assert.True(installed == 0, installOutput + installError);

        var panicpath = Path.Combine(tools, "panicpath");
        var (helped, help) = await Run(panicpath, ["--help"]);
        Assert.True(helped == ExitCodes.Fine, help);
        Assert.Matches(@"Usage:\s+panicpath \[command\] \[options\]", help);
        var (demo, said) = await Run(panicpath, ["demo", "--json"], separate: true);
        Assert.True(demo == ExitCodes.Fine, said);
        var record = JsonDocument.Parse(said).RootElement.GetProperty("record");
        Assert.Equal("unhandled-exception", record.GetProperty("cause").GetString());
        Assert.NotEmpty(record.GetProperty("report").GetProperty("notifiers").EnumerateArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_native_publish_binds_libc_at_link_time_runs_the_GC_without_background_collections_and_stays_position_independent(bool leanSupervisor)
    {
        var project = Path.Combine(Path.GetDirectoryName(PanicPath.TestSupport.ExampleScenarios.Folder)!, "..", "src", "PanicPath.Cli", "PanicPath.Cli.csproj");

        // What build/publish-native gives the native compiler and linker for each of its two binaries, as MSBuild evaluates the project for it.
        var (evaluated, json) = await Run(Crasher.Dotnet, ["msbuild", project, "-p:PublishAot=true", "-p:RuntimeIdentifier=linux-x64", "-p:Configuration=Release", $"-p:LeanSupervisor={leanSupervisor}",
            "-getProperty:ServerGarbageCollection", "-getProperty:ConcurrentGarbageCollection", "-getProperty:IlcDehydrate", "-getProperty:PositionIndependentExecutable",
            "-getProperty:NativeIntermediateOutputPath", "-getItem:DirectPInvoke", "-getItem:RuntimeHostConfigurationOption"], separate: true);
        Assert.True(evaluated == 0, json);
        var root = JsonDocument.Parse(json).RootElement;
        var properties = root.GetProperty("Properties");
        Assert.Equal("false", properties.GetProperty("ServerGarbageCollection").GetString());
        Assert.Equal("false", properties.GetProperty("ConcurrentGarbageCollection").GetString());

        // Unset or true: the native toolchain's default, a position-independent binary whose image ASLR places.
        Assert.NotEqual("false", properties.GetProperty("IlcDehydrate").GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.NotEqual("false", properties.GetProperty("PositionIndependentExecutable").GetString(), StringComparer.OrdinalIgnoreCase);
        var items = root.GetProperty("Items");
        Assert.Contains("libc", items.GetProperty("DirectPInvoke").EnumerateArray().Select(i => i.GetProperty("Identity").GetString()));
        var knobs = items.GetProperty("RuntimeHostConfigurationOption").EnumerateArray()
            .ToDictionary(i => i.GetProperty("Identity").GetString()!, i => i.GetProperty("Value").GetString());
        Assert.Equal("false", knobs["System.GC.Concurrent"]);
        Assert.Equal("false", knobs["System.GC.Server"]);

        // The native supervisor is the same project with its feature switch on, cut as a constant, and its
        // native objects kept apart from the complete binary's.
        if (leanSupervisor)
        {
            var lean = items.GetProperty("RuntimeHostConfigurationOption").EnumerateArray().Single(i => i.GetProperty("Identity").GetString() == LeanSwitch);
            Assert.Equal("true", lean.GetProperty("Value").GetString());
            Assert.Equal("true", lean.GetProperty("Trim").GetString());
            Assert.Contains("lean-supervisor", properties.GetProperty("NativeIntermediateOutputPath").GetString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain(LeanSwitch, knobs.Keys);
            Assert.DoesNotContain("lean-supervisor", properties.GetProperty("NativeIntermediateOutputPath").GetString() ?? string.Empty, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_published_native_binary_is_position_independent_so_its_image_is_placed_at_random()
    {
        var binary = Crasher.NativeBinary;

        // The ELF header: the magic, then e_type at offset 16, little-endian on linux-x64 and linux-arm64.
        // ET_DYN (3) is a position-independent executable; ET_EXEC (2) is linked at a fixed address.
        var header = new byte[18];
        using (var file = File.OpenRead(binary))
        {
            file.ReadExactly(header);
        }

        Assert.Equal("\u007fELF"u8.ToArray(), header[..4]);
        Assert.Equal(3, BitConverter.ToUInt16(header, 16));
    }

    /// <summary>Runs <paramref name="program"/>; answers its exit code and its output (with its error, unless <paramref name="separate"/>).</summary>
    private static async Task<(int Exit, string Said)> Run(string program, string[] arguments, bool separate = false)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetTempPath() };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, separate && process.ExitCode == 0 ? await output : await output + await error);
    }
}
