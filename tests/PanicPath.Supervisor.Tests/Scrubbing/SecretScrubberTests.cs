using PanicPath.Reports;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Scrubbing;

namespace PanicPath.Supervisor.Tests.Scrubbing;

public sealed class SecretScrubberTests
{
    [Theory]
    [InlineData("app --password hunter2 --verbose", "app --password *** --verbose")]
    [InlineData("app --token=abc123 -v", "app --token=*** -v")]
    [InlineData("app --client-secret s3cr3t", "app --client-secret ***")]
    [InlineData("app --api-key k-1 --port 80", "app --api-key *** --port 80")]
    [InlineData("app --password --verbose", "app --password --verbose")]
    [InlineData("DB_PASSWORD=hunter2 HOME=/root", "DB_PASSWORD=*** HOME=/root")]
    [InlineData("GITHUB_TOKEN=ghp_abc", "GITHUB_TOKEN=***")]
    [InlineData("ApiKey=k1 api_key=k2 API-KEY=k3", "ApiKey=*** api_key=*** API-KEY=***")]
    [InlineData("CONNECTION_STRING=foo credentials=bar", "CONNECTION_STRING=*** credentials=***")]
    [InlineData("Server=db;User Id=sa;Password=p@ss;Database=x", "Server=db;User Id=sa;Password=***;Database=x")]
    [InlineData("Driver={x};Uid=me;Pwd=p4ss;", "Driver={x};Uid=me;Pwd=***;")]
    [InlineData("GET /api?token=abc&page=2", "GET /api?token=***&page=2")]
    [InlineData("{\"password\": \"a b c\", \"user\": \"me\"}", "{\"password\": \"***\", \"user\": \"me\"}")]
    [InlineData("secret: swordfish", "secret: ***")]
    [InlineData("postgres://admin:hunter2@db:5432/x", "postgres://admin:***@db:5432/x")]
    [InlineData("Authorization: Bearer eyJhbGciOi.x.y", "Authorization: Bearer ***")]
    [InlineData("authorization=Basic dXNlcjpwYXNz", "authorization=Basic ***")]
    [InlineData("sent bearer abc.def to the server", "sent bearer *** to the server")]
    public void The_default_rules_keep_the_key_and_mask_the_value(string text, string expected)
    {
        Assert.Equal(expected, SecretScrubber.Default.Scrub(text));
    }

    [Theory]
    [InlineData("System.InvalidOperationException: crasher unhandled")]
    [InlineData("MyApp.TokenExpiredException: the session ended")]
    [InlineData("ssh -p 22 host")]
    [InlineData("mysql -p hunter2")]
    [InlineData("https://example.com/path?page=2")]
    [InlineData("exit code 3")]
    [InlineData("{\"method_name\": \"Crashers.Deaths.Throw()\", \"token\": \"0x6000001\", \"il_offset\": \"0x0\"}")]
    public void Text_without_a_recognised_secret_is_left_as_it_is(string text)
    {
        Assert.Equal(text, SecretScrubber.Default.Scrub(text));
    }

    [Fact]
    public void No_rules_keep_the_text_and_an_extra_pattern_masks_its_whole_match()
    {
        Assert.Equal("--password hunter2", SecretScrubber.None.Scrub("--password hunter2"));
        var custom = new SecretScrubber([SecretScrubber.Pattern(@"ACME-\d{4}")], builtIn: false);
        Assert.Equal("card *** and --password hunter2", custom.Scrub("card ACME-1234 and --password hunter2"));
        var both = new SecretScrubber([SecretScrubber.Pattern(@"ACME-\d{4}")]);
        Assert.Equal("card *** and --password ***", both.Scrub("card ACME-1234 and --password hunter2"));
    }

    [Theory]
    [InlineData("(unclosed")]
    [InlineData(@"(a)\1")]
    [InlineData("(?<=x)y")]
    [InlineData("")]
    public void A_pattern_the_non_backtracking_engine_does_not_take_is_refused(string pattern)
    {
        Assert.ThrowsAny<ArgumentException>(() => SecretScrubber.Pattern(pattern));
    }

    [Fact]
    public void Hostile_input_is_scrubbed_whole_without_running_away()
    {
        string[] hostile =
        [
            string.Concat(Enumerable.Repeat("password", 50_000)) + "=x",
            string.Concat(Enumerable.Repeat("password=", 50_000)),
            string.Concat(Enumerable.Repeat("--password ", 50_000)),
            "a://" + new string(':', 200_000) + "x",
            "x://" + new string('a', 200_000) + ":" + new string('b', 200_000),
            new string('-', 200_000) + "token",
            "Authorization: " + new string(' ', 200_000),
            "bearer " + new string('b', 400_000),
            string.Concat(Enumerable.Repeat("a.", 200_000)) + ": ",
            string.Concat(Enumerable.Repeat("a=", 200_000)),
            string.Concat(Enumerable.Repeat("\"x\":\"", 100_000)),
            string.Concat(Enumerable.Repeat("--x ", 100_000)),
        ];
        foreach (var text in hostile)
        {
            var scrubbed = SecretScrubber.Default.Scrub(text);
            Assert.NotEqual(SecretScrubber.TimedOut, scrubbed);
        }

        Assert.Equal("bearer ***", SecretScrubber.Default.Scrub("bearer " + new string('b', 400_000)));

        // The classic catastrophic pattern runs in linear time on the non-backtracking engine.
        var evil = new SecretScrubber([SecretScrubber.Pattern("(a+)+$")], builtIn: false);
        Assert.Equal(new string('a', 100_000) + "!", evil.Scrub(new string('a', 100_000) + "!"));
    }

    [Fact]
    public void A_record_is_scrubbed_in_every_text_field_its_signature_kept_and_the_original_untouched()
    {
        var report = new CrashReport
        {
            Reason = "login failed for password=hunter2",
            Log = "connecting with Password=hunter2;\nAuthorization: Bearer tok-123",
            Exception = new ReportException { Type = "System.Exception", Message = "bad token=tok-123", Signature = "sig" },
            Notifiers = [new NotifierRecord { Name = "n", List = "panic", Outcome = "failed", Error = "secret=s1" }],
            Nested = [new NestedPanic { Notifier = "n", Reason = "api_key=k1" }],
        };
        var death = new DeathRecord
        {
            RunId = "r",
            Command = "app --password hunter2",
            Cause = DeathCause.ExitCode,
            Signature = "0123456789abcdef",
            Title = "exit code 3 token=tok-123",
            StdoutTail = "DB_PASSWORD=hunter2",
            StderrTail = "postgres://u:hunter2@h/db",
            CrashReport = "{\"message\":\"password=hunter2\"}",
            Report = report,
        };

        var scrubbed = SecretScrubber.Default.Scrub(death);

        Assert.Equal("0123456789abcdef", scrubbed.Signature);
        Assert.Equal("app --password ***", scrubbed.Command);
        Assert.Equal("exit code 3 token=***", scrubbed.Title);
        Assert.Equal("DB_PASSWORD=***", scrubbed.StdoutTail);
        Assert.Equal("postgres://u:***@h/db", scrubbed.StderrTail);
        Assert.Equal("{\"message\":\"password=***\"}", scrubbed.CrashReport);
        Assert.Equal("login failed for password=***", scrubbed.Report!.Reason);
        Assert.Equal("connecting with Password=***;\nAuthorization: Bearer ***", scrubbed.Report.Log);
        Assert.Equal("bad token=***", scrubbed.Report.Exception!.Message);
        Assert.Equal("secret=***", scrubbed.Report.Notifiers[0].Error);
        Assert.Equal("api_key=***", scrubbed.Report.Nested[0].Reason);
        Assert.Equal("bad token=tok-123", report.Exception.Message);
        Assert.Equal("app --password hunter2", death.Command);
    }
}
