using PanicPath.Reports;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.LastWords;
using PanicPath.Supervisor.Scrubbing;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Scrubbing;

public sealed class ScrubbingDeathStoreTests
{
    [Fact]
    public async Task A_pending_death_and_its_completion_are_both_stored_scrubbed_and_answered_scrubbed()
    {
        using var temp = new TempDirectory();
        using var sqlite = SqliteDeathStore.Open(temp.Sub("data"));
        var store = ScrubbingDeathStore.Wrap(sqlite, SecretScrubber.Default)!;
        var death = new DeathRecord
        {
            RunId = "run-1",
            Command = "app --password hunter2",
            Cause = DeathCause.ExitCode,
            ExitCode = 3,
            Signature = "0123456789abcdef",
            Title = "exit code 3",
            StderrTail = "token=tok-1",
            StartedAt = DateTimeOffset.UnixEpoch,
            EndedAt = DateTimeOffset.UnixEpoch,
        };

        var pending = await store.AddPendingAsync(death with { Pending = true });
        Assert.Equal("app --password ***", pending.Command);
        Assert.Equal("app --password ***", (await sqlite.GetAsync(pending.Id))!.Command);

        var completed = await store.AddAsync(death);
        Assert.Equal(pending.Id, completed.Id);
        var row = (await sqlite.GetAsync(completed.Id))!;
        Assert.Equal("app --password ***", row.Command);
        Assert.Equal("token=***", row.StderrTail);
        Assert.Equal("0123456789abcdef", row.Signature);
    }

    [Fact]
    public async Task A_secret_in_the_exception_s_message_stack_or_inner_exceptions_is_masked_before_the_death_is_stored()
    {
        using var temp = new TempDirectory();
        using var sqlite = SqliteDeathStore.Open(temp.Sub("data"));
        var store = ScrubbingDeathStore.Wrap(sqlite, SecretScrubber.Default)!;
        var report = new CrashReport
        {
            Reason = "unhandled exception",
            Exception = new ReportException
            {
                Type = "System.InvalidOperationException",
                Message = "login failed for password=hunter2",
                Signature = "0123456789abcdef",
                StackTrace = ["at App.Login(System.String) in /src/App.cs:line 3"],
                Inner = [new ReportException { Type = "System.Net.Http.HttpRequestException", Message = "GET https://api/orders?token=tok-9 failed", StackTrace = ["at App.Get()"] }],
            },
        };
        var death = DeathException.Fill(new DeathRecord
        {
            RunId = "run-1",
            Command = "app",
            Cause = DeathCause.UnhandledException,
            Report = report,
            Signature = "0123456789abcdef",
            Title = "System.InvalidOperationException: login failed for password=hunter2",
        });
        Assert.Contains("hunter2", death.ExceptionMessage, StringComparison.Ordinal);
        Assert.Contains("tok-9", death.ExceptionStack, StringComparison.Ordinal);

        var stored = await store.AddAsync(death);

        var row = (await sqlite.GetAsync(stored.Id))!;
        Assert.Equal("System.InvalidOperationException", row.ExceptionType);
        Assert.Equal("login failed for password=***", row.ExceptionMessage);
        Assert.Equal("System.InvalidOperationException: login failed for password=***\n ---> System.Net.Http.HttpRequestException: GET https://api/orders?token=*** failed\n   at App.Get()\n   --- End of inner exception stack trace ---\n   at App.Login(System.String) in /src/App.cs:line 3", row.ExceptionStack);
        Assert.Equal("GET https://api/orders?token=*** failed", Assert.Single(row.Report!.Exception!.Inner!).Message);
        Assert.DoesNotContain("hunter2", System.Text.Encoding.UTF8.GetString(row.Report.ToUtf8Json()), StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_to_scrub_leaves_the_store_as_it_is()
    {
        using var temp = new TempDirectory();
        using var sqlite = SqliteDeathStore.Open(temp.Sub("data"));

        Assert.Same(sqlite, ScrubbingDeathStore.Wrap(sqlite, SecretScrubber.None));
        Assert.Null(ScrubbingDeathStore.Wrap(null, SecretScrubber.Default));
    }
}
