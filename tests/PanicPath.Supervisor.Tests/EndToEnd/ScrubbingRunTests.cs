using System.Text;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.EndToEnd;

/// <summary>
/// <c>panicpath run</c> on a real child (<c>sh -c</c>) with secrets in its arguments, its environment-style
/// output lines and its standard error: what is stored (the SQLite files, read back and as bytes) and the
/// termination log hold the masks and none of the secret values, unless scrubbing is turned off.
/// </summary>
public sealed class ScrubbingRunTests
{
    private const string Script =
        "echo \"DB_PASSWORD=pw-in-stdout\"; echo \"url postgres://admin:pw-in-url@db/x\"; "
        + "echo \"Authorization: Bearer tok-in-stderr\" >&2; echo \"conn Server=db;Password=pw-in-connstr;\" >&2; "
        + "echo \"card ACME-1234\" >&2; exit 3";

    private static readonly string[] Secrets = ["pw-in-argv", "pw-in-stdout", "pw-in-url", "tok-in-stderr", "pw-in-connstr"];

    [Fact]
    public async Task Secrets_in_the_arguments_output_and_stderr_of_a_real_child_are_masked_in_the_store_and_the_termination_log()
    {
        using var temp = new TempDirectory();
        var (exit, _, err) = await Run(temp);

        Assert.Equal(3, exit);
        var death = await StoredDeath(temp);
        Assert.Contains("--password ***", death.Command, StringComparison.Ordinal);
        Assert.Contains("DB_PASSWORD=***", death.StdoutTail, StringComparison.Ordinal);
        Assert.Contains("postgres://admin:***@db/x", death.StdoutTail, StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer ***", death.StderrTail, StringComparison.Ordinal);
        Assert.Contains("Password=***;", death.StderrTail, StringComparison.Ordinal);
        Assert.Contains("card ACME-1234", death.StderrTail, StringComparison.Ordinal);
        var log = File.ReadAllText(temp.Sub("termination-log"));
        Assert.Contains("--password ***", log, StringComparison.Ordinal);
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, $"{death.Command}\n{death.Title}\n{death.StdoutTail}\n{death.StderrTail}", StringComparison.Ordinal);
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
            Assert.False(AnyFileHolds(temp.Sub("data"), secret), $"a file under the data directory holds {secret}");
        }

        Assert.DoesNotContain("pw-in", err.Split('\n').Where(l => l.StartsWith("panicpath:", StringComparison.Ordinal)).Aggregate(string.Empty, string.Concat), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_scrub_the_secrets_are_stored_as_the_child_wrote_them_and_the_signature_is_the_same()
    {
        using var scrubbed = new TempDirectory();
        using var raw = new TempDirectory();
        await Run(scrubbed);
        await Run(raw, "--no-scrub");

        var kept = await StoredDeath(raw);
        Assert.Contains("--password pw-in-argv", kept.Command, StringComparison.Ordinal);
        Assert.Contains("DB_PASSWORD=pw-in-stdout", kept.StdoutTail, StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer tok-in-stderr", kept.StderrTail, StringComparison.Ordinal);
        Assert.Contains("--password pw-in-argv", File.ReadAllText(raw.Sub("termination-log")), StringComparison.Ordinal);

        // The signature is computed before scrubbing: the same death is in the same bucket either way.
        Assert.Equal(kept.Signature, (await StoredDeath(scrubbed)).Signature);
    }

    [Fact]
    public async Task A_scrub_pattern_masks_its_whole_match_along_with_the_default_rules_or_alone()
    {
        using var both = new TempDirectory();
        using var alone = new TempDirectory();
        await Run(both, "--scrub-pattern", "ACME-[0-9]{4}", "--scrub-pattern", "nomatch-[0-9]+");
        await Run(alone, "--no-scrub", "--scrub-pattern", "ACME-[0-9]{4}");

        var withDefaults = await StoredDeath(both);
        Assert.Contains("card ***", withDefaults.StderrTail, StringComparison.Ordinal);
        Assert.Contains("Password=***;", withDefaults.StderrTail, StringComparison.Ordinal);
        var onlyPattern = await StoredDeath(alone);
        Assert.Contains("card ***", onlyPattern.StderrTail, StringComparison.Ordinal);
        Assert.Contains("Password=pw-in-connstr;", onlyPattern.StderrTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_help_names_the_scrubbing_options()
    {
        var (exit, output, _) = await CliRun.Run("run", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("--no-scrub", output, StringComparison.Ordinal);
        Assert.Contains("--scrub-pattern <REGEX>", output, StringComparison.Ordinal);
    }

    private static Task<(int Exit, string Out, string Err)> Run(TempDirectory temp, params string[] extra)
    {
        var sh = Requirement.Command("sh", "the child is a shell script");
        return CliRun.Run(["run", "--data", temp.Sub("data"), "--termination-log", temp.Sub("termination-log"), .. extra, "--", sh, "-c", Script, "sh", "--password", "pw-in-argv"]);
    }

    private static async Task<DeathRecord> StoredDeath(TempDirectory temp)
    {
        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        return Assert.Single(await store.ListAsync(10));
    }

    private static bool AnyFileHolds(string directory, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            byte[] content;
            try
            {
                content = File.ReadAllBytes(file);
            }
            catch (IOException)
            {
                continue; // a socket
            }

            if (content.AsSpan().IndexOf(bytes) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
