using System.Text;
using System.Text.Json;
using PanicPath.Cli;
using PanicPath.Supervisor.Tests.Support;
using PanicPath.TestSupport;

namespace PanicPath.Supervisor.Tests.Cli;

/// <summary>
/// The native publish is two binaries of one command: <c>panicpath</c>, the native supervisor, holds
/// <c>run</c> with its SQLite store and hands every other command line to <c>full/panicpath</c> by exec
/// (<c>LeanSupervisor</c> in the command). Started as the tests start the command (<see cref="Crasher.Cli"/>: the
/// JIT command, and in CI again the native binary), every command answers as the complete command does,
/// and a run handed over stays the same process with the same signal dispositions for its child. Read as
/// files, the native supervisor lacks what it hands over, and without the complete binary beside it,
/// it says so and still runs what it holds.
/// </summary>
public sealed class NativeSupervisorTests
{
    /// <summary>What the child shell prints: its parent's pid, then its blocked and ignored signal masks.</summary>
    private const string ChildReport = "echo ppid=$PPID; grep -E '^Sig(Blk|Ign):' /proc/self/status";

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task The_command_answers_every_command_not_only_run_with_its_usage_version_and_findings()
    {
        var (helped, help, helpError) = await CliProcess.Run(new Dictionary<string, string?>(), "--help");
        var (versioned, version, _) = await CliProcess.Run(new Dictionary<string, string?>(), "--version");
        var example = ExampleScenarios.File("unload-response-this-cpu");
        var (explored, json, exploreError) = await CliProcess.Run(new Dictionary<string, string?>(), "explore", example, "--json");

        Assert.True(helped == ExitCodes.Fine, helpError);
        foreach (var command in new[] { "explore", "trace", "diff", "kernel", "run", "reports", "demo", "ui" })
        {
            Assert.Matches($@"\n\s+{command}\s", help);
        }

        Assert.Equal(ExitCodes.Fine, versioned);
        Assert.StartsWith(typeof(PanicPathCommand).Assembly.GetName().Version!.ToString(3), version, StringComparison.Ordinal);

        // That example hangs when the panic is on CPU 1: findings, as JSON.
        Assert.True(explored == ExitCodes.Findings, exploreError);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(json).RootElement.ValueKind);
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task A_run_with_a_postgres_store_or_an_otlp_endpoint_is_the_same_process_and_gives_its_child_the_same_signal_dispositions_as_a_sqlite_run()
    {
        using var temp = new TempDirectory();
        using var receiver = new OtlpReceiver();
        var runs = new Dictionary<string, string[]>
        {
            ["sqlite"] = [],
            ["postgres"] = ["--postgres", RefusedPort.ConnectionString("secret")],
            ["otlp"] = ["--otlp-endpoint", receiver.BaseUrl],
        };

        var seen = new Dictionary<string, (int Pid, string Output, string Error)>();
        foreach (var (name, extra) in runs)
        {
            var cli = Crasher.Cli;
            var (pid, exit, output, error) = await CliProcess.RunProgram(cli[0], [.. cli[1..], "run", "--data", temp.Sub(name), .. extra, "--", "sh", "-c", ChildReport]);
            Assert.True(exit == 0, $"{name}: {error}");
            seen[name] = (pid, output, error);
        }

        foreach (var (name, (pid, output, _)) in seen)
        {
            // The child's parent is the process the test started: a hand-over replaced it, never forked.
            Assert.Contains($"ppid={pid}\n", output, StringComparison.Ordinal);
            Assert.Equal(Masks(seen["sqlite"].Output), Masks(output));
        }

        // Each was served by code the native supervisor lacks: the PostgreSQL client refused, and the death sent over OTLP.
        Assert.Contains("STORE UNUSABLE: --postgres", seen["postgres"].Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", seen["postgres"].Error, StringComparison.Ordinal);
        Assert.Equal("/v1/logs", Assert.Single(receiver.Requests).Path);

        static string Masks(string output) => string.Join('\n', output.Split('\n').Where(l => l.StartsWith("Sig", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_native_supervisor_carries_no_postgres_client_no_scenario_parser_and_no_web_server_and_the_complete_binary_beside_it_does()
    {
        var lean = Crasher.NativeBinary;
        var complete = Path.Combine(Path.GetDirectoryName(lean)!, "full", "panicpath");
        Assert.True(File.Exists(complete), $"{complete}: the complete binary is published beside the native supervisor");
        var leanBytes = File.ReadAllBytes(lean);
        var completeBytes = File.ReadAllBytes(complete);

        foreach (var name in new[] { "Npgsql", "YamlDotNet", "Microsoft.AspNetCore", "Kestrel" })
        {
            var marker = Encoding.ASCII.GetBytes(name);
            Assert.True(leanBytes.AsSpan().IndexOf(marker) < 0, $"{lean} holds {name}");
            Assert.True(completeBytes.AsSpan().IndexOf(marker) >= 0, $"{complete} lacks {name}");
        }
    }

    [Fact]
    public async Task Without_the_complete_binary_the_native_supervisor_names_it_for_other_commands_and_still_runs_a_sqlite_run()
    {
        var lean = Crasher.NativeBinary;
        using var temp = new TempDirectory();
        var alone = Directory.CreateDirectory(temp.Sub("alone")).FullName;
        var copy = Path.Combine(alone, "panicpath");
        File.Copy(lean, copy);
        File.Copy(Path.Combine(Path.GetDirectoryName(lean)!, "libe_sqlite3.so"), Path.Combine(alone, "libe_sqlite3.so"));
        var missing = Path.Combine(alone, "full", "panicpath");

        var explore = await CliProcess.RunProgram(copy, ["explore", "scenario.yaml"]);
        var postgres = await CliProcess.RunProgram(copy, ["run", "--data", temp.Sub("data"), "--postgres", RefusedPort.ConnectionString("secret"), "--", "true"]);
        var sqlite = await CliProcess.RunProgram(copy, ["run", "--data", temp.Sub("data"), "--", "sh", "-c", "exit 7"]);

        Assert.Equal(ExitCodes.InternalError, explore.Exit);
        Assert.Equal(ExitCodes.RunFailed, postgres.Exit);
        foreach (var error in new[] { explore.Err, postgres.Err })
        {
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains($"complete binary {missing}, which cannot be started: No such file or directory", line, StringComparison.Ordinal);
        }

        Assert.True(sqlite.Exit == 7, sqlite.Err);
        Assert.Matches(@"recorded death \d+: exit-code, exit code 7", sqlite.Err);
    }

    [Fact]
    public async Task Started_through_a_symbolic_link_the_native_supervisor_hands_over_to_the_complete_binary_beside_the_real_file()
    {
        var lean = Crasher.NativeBinary;
        using var temp = new TempDirectory();
        var link = Path.Combine(Directory.CreateDirectory(temp.Sub("bin")).FullName, "panicpath");
        File.CreateSymbolicLink(link, lean);

        var (_, exit, _, error) = await CliProcess.RunProgram(link, ["--version"]);

        Assert.True(exit == ExitCodes.Fine, error);
    }
}
