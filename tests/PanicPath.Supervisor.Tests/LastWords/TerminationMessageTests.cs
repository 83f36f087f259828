using System.Text;
using System.Text.Json;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.LastWords;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.LastWords;

public sealed class TerminationMessageTests
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [Theory]
    [InlineData("a")]
    [InlineData("é")]
    [InlineData("€")]
    [InlineData("😀")]
    public void A_huge_termination_message_is_cut_to_4096_bytes_between_characters_and_marked(string character)
    {
        var death = Death(title: "boom " + string.Concat(Enumerable.Repeat(character, 5000)), stderr: string.Empty);

        var bytes = TerminationMessage.Format(death);

        Assert.True(bytes.Length <= TerminationMessage.MaxBytes, $"{bytes.Length} bytes");
        Assert.True(bytes.Length > TerminationMessage.MaxBytes - 4 - Encoding.UTF8.GetByteCount(TerminationMessage.TruncationMark), $"{bytes.Length} bytes: more was cut than needed");
        var text = StrictUtf8.GetString(bytes); // throws on a cut character
        Assert.EndsWith(TerminationMessage.TruncationMark, text, StringComparison.Ordinal);
        Assert.StartsWith("boom " + character, text, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', text);
    }

    [Fact]
    public void A_termination_message_that_fits_is_kept_whole_without_a_mark()
    {
        var bytes = TerminationMessage.Format(Death(title: "exit code 3", stderr: string.Empty));

        var text = StrictUtf8.GetString(bytes);
        Assert.DoesNotContain(TerminationMessage.TruncationMark, text, StringComparison.Ordinal);
        Assert.StartsWith("exit code 3\ncause: exit-code, exit code 3\nrecord: 7, run run-1 attempt 0, pid 42\nsignature: 0123456789abcdef\ncommand: app --flag\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\nexit code 3: exit code 3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_termination_log_defaults_to_dev_termination_log_only_when_it_exists()
    {
        Assert.Equal("/given", TerminationLogSink.ChoosePath("/given", _ => true));
        Assert.Equal(TerminationLogSink.DefaultPath, TerminationLogSink.ChoosePath(null, p => p == TerminationLogSink.DefaultPath));
        Assert.Null(TerminationLogSink.ChoosePath(null, _ => false));
    }

    [Fact]
    public async Task panicpath_run_writes_the_termination_message_of_an_unhandled_exception_with_cause_title_and_stack()
    {
        using var temp = new TempDirectory();
        var log = temp.Sub("termination-log");

        var (exit, _, err) = await CliRun.RunCrasher(temp, "unhandled", "--termination-log", log);

        Assert.Equal(134, exit);
        var id = (await StoredIds(temp)).Single();
        var text = StrictUtf8.GetString(File.ReadAllBytes(log));
        Assert.True(Encoding.UTF8.GetByteCount(text) <= TerminationMessage.MaxBytes);
        Assert.StartsWith("System.InvalidOperationException: crasher unhandled\n", text, StringComparison.Ordinal);
        Assert.Contains("cause: unhandled-exception, exit code 134 (SIGABRT)\n", text, StringComparison.Ordinal);
        Assert.Contains($"record: {id}, run ", text, StringComparison.Ordinal);
        Assert.Contains("\nsignature: ", text, StringComparison.Ordinal);
        Assert.Contains("\ncrash report: ", text, StringComparison.Ordinal);
        Assert.Contains("   at Crashers.Deaths.Throw()", text, StringComparison.Ordinal);
        Assert.DoesNotContain("termination log", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_death_wins_and_the_termination_log_is_rewritten_in_place_not_replaced()
    {
        using var temp = new TempDirectory();
        var log = temp.Sub("termination-log");
        File.WriteAllText(log, new string('x', 10_000));
        using var heldOpen = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        var (exit, _, _) = await CliRun.RunCrasher(temp, "exit3", "--termination-log", log, "--restart", "always", "--max-restarts", "1", "--backoff", "0");

        Assert.Equal(3, exit);
        var ids = await StoredIds(temp);
        Assert.Equal(2, ids.Count);
        using var reader = new StreamReader(heldOpen, StrictUtf8); // the same file, seen through a handle opened before the run
        var text = await reader.ReadToEndAsync();
        Assert.StartsWith("exit code 3\ncause: exit-code, exit code 3\n", text, StringComparison.Ordinal);
        Assert.Contains($"record: {ids.Max()}, run ", text, StringComparison.Ordinal);
        Assert.Contains("attempt 1,", text, StringComparison.Ordinal);
        Assert.DoesNotContain("xxx", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_termination_log_in_a_missing_directory_is_a_run_failure_naming_the_option()
    {
        using var temp = new TempDirectory();

        var (exit, _, err) = await CliRun.RunCrasher(temp, "exit3", "--termination-log", temp.Sub("missing/termination-log"));

        Assert.Equal(PanicPath.Cli.ExitCodes.RunFailed, exit);
        Assert.Contains("--termination-log", err, StringComparison.Ordinal);
    }

    internal static async Task<List<long>> StoredIds(TempDirectory temp)
    {
        var (_, json, _) = await CliRun.Run("reports", "list", "--data", temp.Sub("data"), "--json");
        return JsonDocument.Parse(json).RootElement.GetProperty("deaths").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
    }

    private static DeathRecord Death(string title, string stderr) => new()
    {
        Id = 7,
        RunId = "run-1",
        Command = "app --flag",
        Pid = 42,
        Cause = DeathCause.ExitCode,
        ExitCode = 3,
        Signature = "0123456789abcdef",
        Title = title,
        StderrTail = stderr,
    };
}
