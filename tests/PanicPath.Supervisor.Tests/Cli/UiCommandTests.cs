using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using PanicPath.Cli;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Cli;

/// <summary>
/// <c>panicpath ui</c> started as a real process on a store of real deaths (<see cref="UiStore"/>), its
/// pages fetched as a browser would: every death listed, a death's page with its record, the crashed
/// thread's frames, its dump to download and its panic path as a timeline with one bar per notifier in
/// the report's order; the buckets with their charts; filters, 404s, the token rules; and SIGTERM or SIGINT
/// stopping it with exit 0.
/// </summary>
public sealed partial class UiCommandTests(UiStore store) : IClassFixture<UiStore>
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task The_view_lists_every_real_death_and_a_deaths_page_has_its_record_frames_dump_and_one_timeline_bar_per_notifier_in_order()
    {
        await using var ui = await UiProcess.Start(["--data", store.Data]);
        Assert.Matches(@"^panicpath ui: listening on http://127\.0\.0\.1:\d+/\?token=[A-Za-z0-9_-]{43}$", ui.Line);
        using var http = ui.Client();

        var list = await Get(http, "/", HttpStatusCode.OK);
        Assert.Contains("<table id=\"deaths\"", list, StringComparison.Ordinal);
        Assert.Equal(store.Deaths.Select(d => d.Id), Rows(list));
        foreach (var death in store.Deaths)
        {
            Assert.Contains(death.Title, WebUtility.HtmlDecode(list), StringComparison.Ordinal);
        }

        // The panic: its report's notifiers, one bar each in the report's order.
        var panic = store.Of(DeathCause.Panic);
        Assert.True(panic.Report!.Notifiers.Count >= 5, $"{panic.Report.Notifiers.Count} notifiers");
        var panicPage = await Get(http, $"/deaths/{panic.Id}", HttpStatusCode.OK);
        Assert.Matches("<h1>[^<]+</h1>", panicPage);
        var timeline = Section(panicPage, "timeline");
        Assert.Contains("<svg class=\"timeline\"", timeline, StringComparison.Ordinal);
        var notifierBars = Bars(timeline).Where(b => b.Outcome is not ("dump" or "nested"));
        Assert.Equal(panic.Report.Notifiers.Select(n => (n.Name, n.Outcome)), notifierBars);

        // The unhandled exception: the runtime's crash report's frames of the crashed thread, and its dump to download.
        var unhandled = store.Of(DeathCause.UnhandledException);
        var frames = RuntimeCrashReport.TryRead(unhandled.CrashReport!)!.Frames;
        Assert.NotEmpty(frames);
        var page = await Get(http, $"/deaths/{unhandled.Id}", HttpStatusCode.OK);
        var stacks = WebUtility.HtmlDecode(Section(page, "stacks"));
        foreach (var frame in frames)
        {
            Assert.Contains(frame, stacks, StringComparison.Ordinal);
        }

        var dumpName = Path.GetFileName(unhandled.Dump!);
        Assert.Contains($"href=\"/deaths/{unhandled.Id}/dumps/{dumpName}\"", Section(page, "dumps"), StringComparison.Ordinal);
        using (var dump = await http.GetAsync(new Uri($"deaths/{unhandled.Id}/dumps/{dumpName}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, dump.StatusCode);
            Assert.Equal("application/octet-stream", dump.Content.Headers.ContentType!.MediaType);
            Assert.Equal(await File.ReadAllBytesAsync(unhandled.Dump!), await dump.Content.ReadAsByteArrayAsync());
        }

        Assert.NotNull(unhandled.ExceptionStack);
        Assert.Contains(unhandled.ExceptionStack.Split('\n')[0].Trim(), WebUtility.HtmlDecode(Section(page, "recorded-exception")), StringComparison.Ordinal);
        var tails = WebUtility.HtmlDecode(Section(page, "tails"));
        Assert.Contains(unhandled.StderrTail.Split('\n')[0], tails, StringComparison.Ordinal);

        // The buckets, each with its chart counting all its deaths.
        var buckets = await Get(http, "/buckets", HttpStatusCode.OK);
        Assert.Contains("<table id=\"buckets\"", buckets, StringComparison.Ordinal);
        foreach (var bucket in store.Buckets)
        {
            var row = Regex.Match(buckets, $"<tr class=\"bucket\" data-signature=\"{bucket.Signature}\">(.*?)</tr>", RegexOptions.Singleline);
            Assert.True(row.Success, $"no row for bucket {bucket.Signature}");
            Assert.Contains("<svg class=\"chart\"", row.Value, StringComparison.Ordinal);
            Assert.Equal(bucket.Count, Regex.Matches(row.Value, "data-count=\"(\\d+)\"").Sum(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Equal("ok", await http.GetStringAsync(new Uri("healthz", UriKind.Relative)));
        Assert.Equal(0, await ui.Stop(SigTerm));
        Assert.Equal(string.Empty, ui.Error);
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task Filters_select_deaths_by_cause_bucket_command_and_time_pages_go_back_and_a_bad_value_is_a_400_naming_its_field()
    {
        await using var ui = await UiProcess.Start(["--data", store.Data]);
        using var http = ui.Client();
        var exit = store.Of(DeathCause.ExitCode);
        var oops = store.Of(DeathCause.OopsPanic);
        async Task<IEnumerable<long>> Ids(string query) => Rows(await Get(http, "/" + query, HttpStatusCode.OK));

        Assert.Equal([oops.Id], await Ids("?cause=oops-panic"));
        Assert.Equal(store.Deaths.Where(d => d.Signature == exit.Signature).Select(d => d.Id), await Ids($"?bucket={exit.Signature}"));
        Assert.Equal([exit.Id], await Ids("?command=exit3"));
        Assert.Equal([exit.Id], await Ids("?command=EXIT3&cause=&since="));
        Assert.Empty(await Ids($"?since={DateTimeOffset.UtcNow.AddDays(1):yyyy-MM-dd}"));
        Assert.Empty(await Ids("?until=2000-01-01"));
        Assert.Equal(store.Deaths.Select(d => d.Id), await Ids("?since=2000-01-01T00:00Z&until=2999-01-01"));

        // One per page: each page links to the next, older one.
        var seen = new List<long>();
        var next = "?limit=1";
        while (next is not null)
        {
            var page = await Get(http, "/" + next, HttpStatusCode.OK);
            seen.AddRange(Rows(page));
            next = Regex.Match(page, "<a rel=\"next\" href=\"/([^\"]*)\"") is { Success: true } link ? WebUtility.HtmlDecode(link.Groups[1].Value) : null;
        }

        Assert.Equal(store.Deaths.Select(d => d.Id), seen);

        foreach (var (query, field) in new[] { ("?since=yesterday", "since"), ("?cause=nope", "cause"), ("?limit=0", "limit"), ("?bucket=xyz", "bucket"), ("?colour=red", "colour"), ("?cause=signal&cause=hang", "cause") })
        {
            var bad = await Get(http, "/" + query, HttpStatusCode.BadRequest);
            Assert.Matches($"<p class=\"error\">[^<]*{field}", bad);
        }

        Assert.Contains("No death with id 999999", await Get(http, "/deaths/999999", HttpStatusCode.NotFound), StringComparison.Ordinal);
        await Get(http, "/deaths/abc", HttpStatusCode.NotFound);
        await Get(http, "/nowhere", HttpStatusCode.NotFound);

        // A name of another site that resolves here (DNS rebinding) is not served.
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/");
        rebound.Headers.Host = "attacker.example";
        using var misdirected = await http.SendAsync(rebound);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, misdirected.StatusCode);

        Assert.Equal(0, await ui.Stop(SigInt));
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task Every_response_carries_the_security_headers_and_a_policy_allowing_only_the_pages_own_styles()
    {
        await using var ui = await UiProcess.Start(["--data", store.Data]);
        using var http = ui.Client();
        foreach (var path in new[] { "/", "/buckets", $"/deaths/{store.Of(DeathCause.OopsPanic).Id}", "/deaths/999999", "/?cause=nope" })
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            var html = await response.Content.ReadAsStringAsync();
            var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));

            // Each style element of the page is allowed by its hash, and nothing is loaded from elsewhere.
            foreach (Match style in Regex.Matches(html, "<style[^>]*>(.*?)</style>", RegexOptions.Singleline))
            {
                var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(style.Groups[1].Value)));
                Assert.Contains($"'sha256-{hash}'", policy, StringComparison.Ordinal);
            }

            Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
            Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task Another_address_than_loopback_needs_a_token_that_every_request_must_then_carry()
    {
        var (refused, _, refusal) = await CliProcess.Run(new Dictionary<string, string?> { [TokenVariable] = null }, "ui", "--data", store.Data, "--listen", "0.0.0.0:0");
        Assert.Equal(ExitCodes.BadInput, refused);
        var line = Assert.Single(refusal.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--listen: 0.0.0.0:0 is not a loopback address", line, StringComparison.Ordinal);

        const string token = "s3cret-Token_0123456789";
        await using var ui = await UiProcess.Start(["--data", store.Data, "--listen", "0.0.0.0:0", "--token", token]);
        Assert.Matches($@"^panicpath ui: listening on http://0\.0\.0\.0:\d+/\?token={token}$", ui.Line);
        var local = new Uri($"http://127.0.0.1:{ui.Root.Port}/");
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler) { BaseAddress = local };

        await Get(http, "/", HttpStatusCode.Unauthorized);
        await Get(http, "/healthz", HttpStatusCode.Unauthorized);
        await Get(http, $"/deaths/{store.Of(DeathCause.UnhandledException).Id}", HttpStatusCode.Unauthorized);
        await Get(http, "/?token=wrong-token-0123456789", HttpStatusCode.Unauthorized);
        Assert.Empty(handler.CookieContainer.GetCookies(local));

        using (var wrong = new HttpRequestMessage(HttpMethod.Get, "/"))
        {
            wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token + "x");
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);
        }

        using (var bearer = new HttpRequestMessage(HttpMethod.Get, "/buckets"))
        {
            bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(bearer)).StatusCode);
        }

        // ?token= once: a cookie (HttpOnly, SameSite=Strict) and the same address without the token; then the cookie alone.
        using (var once = await http.GetAsync(new Uri($"?cause=oops-panic&token={token}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, once.StatusCode);
            Assert.Equal("/?cause=oops-panic", once.Headers.Location!.OriginalString);
            var cookie = Assert.Single(once.Headers.GetValues("Set-Cookie"));
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal([store.Of(DeathCause.OopsPanic).Id], Rows(await Get(http, "/?cause=oops-panic", HttpStatusCode.OK)));
        Assert.Equal(0, await ui.Stop(SigTerm));

        // The token from the environment, on the loopback address: required all the same.
        await using var fromEnvironment = await UiProcess.Start(["--data", store.Data], new Dictionary<string, string?> { [TokenVariable] = token });
        Assert.EndsWith($"?token={token}", fromEnvironment.Line, StringComparison.Ordinal);
        using var plain = new HttpClient { BaseAddress = fromEnvironment.Root };
        await Get(plain, "/", HttpStatusCode.Unauthorized);
        plain.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await Get(plain, "/", HttpStatusCode.OK);
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task On_loopback_without_a_token_given_the_view_makes_one_at_random_each_start_and_refuses_every_request_without_it()
    {
        var environment = new Dictionary<string, string?> { [TokenVariable] = null };
        await using var first = await UiProcess.Start(["--data", store.Data], environment);
        await using var second = await UiProcess.Start(["--data", store.Data], environment);
        Assert.NotNull(first.Token);
        Assert.NotEqual(first.Token, second.Token);

        // Another user of the machine reaches loopback as well: without the token it reads nothing, dumps included.
        using var anonymous = new HttpClient { BaseAddress = first.Root };
        await Get(anonymous, "/", HttpStatusCode.Unauthorized);
        await Get(anonymous, "/buckets", HttpStatusCode.Unauthorized);
        await Get(anonymous, $"/deaths/{store.Of(DeathCause.UnhandledException).Id}", HttpStatusCode.Unauthorized);
        await Get(anonymous, $"/?token={second.Token}", HttpStatusCode.Unauthorized);

        using var http = first.Client();
        Assert.Equal(store.Deaths.Select(d => d.Id), Rows(await Get(http, "/", HttpStatusCode.OK)));
    }

    [Fact]
    public async Task Bad_options_a_missing_store_and_an_address_in_use_are_one_line_each_and_exit_2()
    {
        using var temp = new TempDirectory();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var cases = new (string[] Args, IReadOnlyDictionary<string, string?> Environment, string Said)[]
        {
            (["--listen", "nonsense"], NoToken, "--listen: expected an IP address and a port"),
            (["--listen", "localhost:8080"], NoToken, "--listen: expected an IP address and a port"),
            (["--listen", "127.0.0.1:65536"], NoToken, "--listen: expected an IP address and a port"),
            (["--token", "short"], NoToken, "--token: expected a token of 16 to 256 characters"),
            ([], new Dictionary<string, string?> { [TokenVariable] = "has spaces, not a token" }, $"{TokenVariable}: expected a token"),
            (["--data", temp.Sub("nothing")], NoToken, "no store at"),
            (["--listen", $"127.0.0.1:{port}"], NoToken, $"--listen: cannot listen on 127.0.0.1:{port}"),
        };

        foreach (var (args, environment, said) in cases)
        {
            string[] line = ["ui", .. args.Contains("--data") ? [] : new[] { "--data", store.Data }, .. args];
            var (exit, output, error) = await CliProcess.Run(environment, line);
            Assert.True(exit == ExitCodes.BadInput, $"{string.Join(' ', line)}: exit {exit}: {error}");
            Assert.Equal(string.Empty, output);
            var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("See '", StringComparison.Ordinal)).ToList();
            Assert.True(lines.Count == 1 && lines[0].Contains(said, StringComparison.Ordinal), $"{string.Join(' ', line)}: {error}");
            Assert.DoesNotContain("has spaces", error, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(temp.Sub("nothing")), "the command created the data directory it was pointed at");
    }

    [Fact]
    public async Task A_store_of_an_older_schema_is_refused_in_one_line_and_left_byte_for_byte_as_it_was()
    {
        using var temp = new TempDirectory();
        var data = Directory.CreateDirectory(temp.Sub("data")).FullName;
        var file = Path.Combine(data, PanicPath.Supervisor.Store.DataDirectory.DatabaseFileName);
        File.Copy(Store.Version1Store.SqliteFile, file);
        var before = await File.ReadAllBytesAsync(file);

        var (exit, _, error) = await CliProcess.Run(NoToken, "ui", "--data", data);

        Assert.Equal(ExitCodes.BadInput, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("has store schema version 1, older than the version", line, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(file));

        // Nothing else was made but what SQLite's readers of a WAL store make (its log and shared-memory index).
        var db = PanicPath.Supervisor.Store.DataDirectory.DatabaseFileName;
        Assert.Subset(new HashSet<string?> { db, db + "-wal", db + "-shm" }, Directory.GetFileSystemEntries(data).Select(Path.GetFileName).ToHashSet());
    }

    /// <summary>The environment variable <c>panicpath ui</c> takes its token from.</summary>
    private const string TokenVariable = "PANICPATH_UI_TOKEN";

    private static readonly IReadOnlyDictionary<string, string?> NoToken = new Dictionary<string, string?> { [TokenVariable] = null };

    /// <summary>GETs <paramref name="path"/>, asserts its status, answers its body.</summary>
    internal static async Task<string> Get(HttpClient http, string path, HttpStatusCode status)
    {
        using var response = await http.GetAsync(new Uri(path.TrimStart('/'), UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"GET {path}: {(int)response.StatusCode}, expected {(int)status}: {body}");
        return body;
    }

    /// <summary>The ids of the deaths table's rows, in order.</summary>
    internal static IEnumerable<long> Rows(string html) =>
        [.. DeathRow().Matches(html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The content of <c>&lt;section id="ID"&gt;</c>.</summary>
    internal static string Section(string html, string id)
    {
        var match = Regex.Match(html, $"<section id=\"{id}\">(.*?)</section>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no section {id}");
        return match.Groups[1].Value;
    }

    /// <summary>Each bar of a timeline SVG, in document order: its name and outcome.</summary>
    internal static IEnumerable<(string Name, string Outcome)> Bars(string svg) =>
        [.. BarElement().Matches(svg).Select(m => (
            WebUtility.HtmlDecode(Regex.Match(m.Value, "data-name=\"([^\"]*)\"").Groups[1].Value),
            WebUtility.HtmlDecode(Regex.Match(m.Value, "data-outcome=\"([^\"]*)\"").Groups[1].Value)))];

    [GeneratedRegex("<tr class=\"death\" data-id=\"(\\d+)\">")]
    private static partial Regex DeathRow();

    [GeneratedRegex("<(?:g|rect)\\s[^>]*?class=\"bar(?: [^\"]*)?\"[^>]*>")]
    private static partial Regex BarElement();
}
