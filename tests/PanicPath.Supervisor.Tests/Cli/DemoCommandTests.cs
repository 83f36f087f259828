using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PanicPath.Cli;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Cli;

public sealed partial class DemoCommandTests
{
    /// <summary>The demo service's notifiers as the path runs them: hook first, then each list by priority, highest first.</summary>
    private static readonly (string List, int Priority, string Name)[] PathOrder =
    [
        ("crash-shutdown", 0, "release-lease"),
        ("supervisor", 10, "tell-supervisor"),
        ("supervisor", 0, "mark-unhealthy"),
        ("information", 10, "add-build-info"),
        ("log-dump", 0, "console"),
        ("teardown", 10, "flush-telemetry"),
        ("teardown", 0, "close-broker"),
        ("final", 0, "final-words"),
        ("final", int.MinValue, "release-lease"),
    ];

    [Fact]
    public async Task Demo_exits_0_and_prints_the_notifiers_in_priority_order_across_lists_the_record_and_the_bucket()
    {
        var (exit, output, error) = await CliRun.Run("demo");

        Assert.True(exit == ExitCodes.Fine, error);
        var rows = NotifierRow().Matches(output).Select(m => (m.Groups["list"].Value, Priority(m.Groups["priority"].Value), m.Groups["name"].Value)).ToList();
        Assert.Equal(PathOrder, rows);
        Assert.All(NotifierRow().Matches(output), m => Assert.Equal("ran", m.Groups["outcome"].Value));
        Assert.Matches(@"(?m)^\s+\d+\s+final\s+INT_MIN\s+release-lease\s", output); // the kernel's spelling, not -2147483648
        var record = output.IndexOf("The stored record (panicpath reports show 1):", StringComparison.Ordinal);
        var bucket = output.IndexOf("Its bucket", StringComparison.Ordinal);
        Assert.True(record > 0 && bucket > record, output);
        Assert.Matches(@"cause\s+unhandled-exception", output[record..bucket]);
        Assert.Matches(@"report\s+panic: unhandled exception \(long form, 9 notifiers\)", output[record..bucket]);
        Assert.Contains("report delivered to the supervisor over the channel", output[record..bucket], StringComparison.Ordinal);
        var signature = Regex.Match(output[record..bucket], @"signature\s+(?<s>[0-9a-f]{16})").Groups["s"].Value;
        Assert.Matches($@"{signature}\s+unhandled-exception\s+1\s+", output[bucket..]);
        var store = Regex.Match(output, @"\(store: (?<dir>[^)]+)\)").Groups["dir"].Value;
        Assert.False(Directory.Exists(store)); // the temporary store is removed
        Assert.Contains($"removed the temporary store {store}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_with_data_and_json_prints_the_record_as_reports_show_does_and_its_bucket_and_leaves_the_record_in_that_store()
    {
        using var temp = new TempDirectory();
        var data = temp.Sub("data");
        var (exit, json, error) = await CliRun.Run("demo", "--data", data, "--json");

        Assert.True(exit == ExitCodes.Fine, error);
        var root = JsonDocument.Parse(json).RootElement;
        var record = root.GetProperty("record");
        var bucket = root.GetProperty("bucket");
        Assert.Equal("unhandled-exception", record.GetProperty("cause").GetString());
        Assert.Equal("System.InvalidOperationException: demo unhandled", record.GetProperty("title").GetString());
        var notifiers = record.GetProperty("report").GetProperty("notifiers").EnumerateArray()
            .Select(n => (n.GetProperty("list").GetString()!, n.GetProperty("priority").GetInt32(), n.GetProperty("name").GetString()!)).ToList();
        Assert.Equal(PathOrder, notifiers);
        Assert.Equal(record.GetProperty("signature").GetString(), bucket.GetProperty("signature").GetString());
        Assert.Equal(1, bucket.GetProperty("count").GetInt64());

        var id = record.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
        var (shown, shownJson, _) = await CliRun.Run("reports", "show", id, "--data", data, "--json");
        Assert.Equal(ExitCodes.Fine, shown);
        var shownRecord = JsonNode.Parse(shownJson)!.AsObject();
        Assert.Equal("panicpath.death/1", shownRecord["schema"]!.GetValue<string>());
        Assert.Equal("panicpath.demo/1", root.GetProperty("schema").GetString());
        shownRecord.Remove("schema");
        Assert.Equal(shownRecord.ToJsonString(), JsonSerializer.Serialize(record)); // the record as show prints it, without its schema
        var (listed, listJson, _) = await CliRun.Run("reports", "list", "--data", data, "--json");
        Assert.Equal(ExitCodes.Fine, listed);
        var only = Assert.Single(JsonDocument.Parse(listJson).RootElement.GetProperty("deaths").EnumerateArray().ToList());
        Assert.Equal(record.GetProperty("id").GetInt64(), only.GetProperty("id").GetInt64());
        Assert.True(File.Exists(record.GetProperty("dump").GetString())); // the runtime's mini dump, kept with the store
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task The_built_command_carries_the_demo_service_and_keep_leaves_the_temporary_store()
    {
        var cli = Crasher.Cli;
        var start = new ProcessStartInfo(cli[0]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var argument in cli[1..].Concat(["demo", "--keep", "--json"]))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(guard.Token);

        Assert.True(process.ExitCode == ExitCodes.Fine, await error);
        var kept = Regex.Match(await error, @"kept (?<dir>\S+);").Groups["dir"].Value;
        try
        {
            Assert.True(File.Exists(Path.Combine(kept, DataDirectory.DatabaseFileName)), kept);
            var (listed, listJson, _) = await CliRun.Run("reports", "list", "--data", kept, "--json");
            Assert.Equal(ExitCodes.Fine, listed);
            var record = Assert.Single(JsonDocument.Parse(listJson).RootElement.GetProperty("deaths").EnumerateArray().ToList());
            Assert.Equal(JsonDocument.Parse(await output).RootElement.GetProperty("record").GetProperty("id").GetInt64(), record.GetProperty("id").GetInt64());
        }
        finally
        {
            Directory.Delete(kept, recursive: true);
        }
    }

    [Fact]
    public async Task Keep_with_data_is_bad_input_naming_both_options()
    {
        using var temp = new TempDirectory();
        var (exit, _, error) = await CliRun.Run("demo", "--keep", "--data", temp.Sub("data"));

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("--keep applies to the temporary data directory; --data DIR is always kept.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_directory_that_is_a_file_is_bad_input_naming_data()
    {
        using var temp = new TempDirectory();
        var file = temp.Sub("file");
        await File.WriteAllTextAsync(file, "not a directory");
        var (exit, _, error) = await CliRun.Run("demo", "--data", file);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("panicpath: --data:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_explains_the_exit_codes()
    {
        var (exit, output, _) = await CliRun.Run("demo", "--help");

        Assert.Equal(ExitCodes.Fine, exit);
        Assert.Contains("0 the death was recorded with its in-process report and bucket; 1 it was not", output, StringComparison.Ordinal);
        Assert.Contains("--data", output, StringComparison.Ordinal);
        Assert.Contains("--keep", output, StringComparison.Ordinal);
        Assert.Contains("--json", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_says_the_demo_is_a_jit_app_that_needs_the_dotnet_runtime()
    {
        var (exit, output, _) = await CliRun.Run("demo", "--help");

        Assert.Equal(ExitCodes.Fine, exit);
        Assert.Contains("it needs the .NET runtime", output, StringComparison.Ordinal);
    }

    /// <summary>A priority as the demo's table prints it: the kernel's spelling at the extremes.</summary>
    private static int Priority(string text) => text switch
    {
        "INT_MIN" => int.MinValue,
        "INT_MAX" => int.MaxValue,
        _ => int.Parse(text, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^\s+\d+\s+(?<list>[a-z-]+)\s+(?<priority>-?\d+|INT_MIN|INT_MAX)\s+(?<name>[a-z-]+)\s+(?<outcome>[a-z-]+)\s+\d+\.\d{3}\s*$", RegexOptions.Multiline)]
    private static partial Regex NotifierRow();
}
