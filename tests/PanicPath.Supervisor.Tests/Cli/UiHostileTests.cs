using System.Net;
using System.Text.RegularExpressions;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Store;
using PanicPath.Cli;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Cli;

/// <summary>
/// <c>panicpath ui</c> as a real process, attacked from outside: an address it cannot listen on, a crafted
/// address carrying the token, and a crashing app whose command line is a megabyte long (a real
/// <c>panicpath run</c> of a shell that exits 5 with ten arguments of 100 000 characters each).
/// </summary>
public sealed class UiHostileTests : IAsyncLifetime
{
    private const string Token = "s3cret-Token_0123456789";
    private static readonly IReadOnlyDictionary<string, string?> NoToken = new Dictionary<string, string?> { ["PANICPATH_UI_TOKEN"] = null };
    private readonly TempDirectory temp = new();

    private string Data => temp.Sub("data");

    public async ValueTask InitializeAsync()
    {
        var huge = new string('B', 100_000);
        var (exit, _, error) = await CliProcess.Run(NoToken, ["run", "--data", Data, "--", "/bin/sh", "-c", "exit 5", .. Enumerable.Repeat(huge, 10)]);
        Assert.True(exit == 5 && error.Contains("recorded death", StringComparison.Ordinal), $"exit {exit}: {error}");
    }

    public ValueTask DisposeAsync()
    {
        temp.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task An_address_this_machine_does_not_have_or_cannot_bind_is_one_line_naming_listen_and_exit_2_not_an_internal_error()
    {
        foreach (var address in new[] { "192.0.2.1:0", "[::ffff:127.0.0.1]:0" })
        {
            var (exit, output, error) = await CliProcess.Run(NoToken, "ui", "--data", Data, "--listen", address, "--token", Token);
            Assert.True(exit == ExitCodes.BadInput, $"{address}: exit {exit}: {error}");
            Assert.Equal(string.Empty, output);
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"panicpath: --listen: cannot listen on {address}: ", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task The_token_in_an_address_whose_path_begins_with_two_slashes_redirects_within_the_view_never_to_another_host()
    {
        await using var ui = await UiProcess.Start(["--data", Data, "--token", Token], NoToken);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler);
        foreach (var (path, location) in new[] { ("//evil.example/x", "/evil.example/x"), ("///evil.example", "/evil.example"), ("/deaths/1", "/deaths/1") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{ui.Root.Port}{path}?token={Token}");
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(location, response.Headers.Location!.OriginalString);
        }

        Assert.Equal(0, await ui.Stop(15));
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task A_megabyte_command_line_is_cut_in_the_deaths_list_and_shown_whole_on_the_deaths_own_page()
    {
        await using var ui = await UiProcess.Start(["--data", Data], NoToken);
        using var http = ui.Client();
        var list = await UiCommandTests.Get(http, "/?limit=1000", HttpStatusCode.OK);
        var id = Assert.Single(UiCommandTests.Rows(list));
        Assert.True(list.Length < 50_000, $"the deaths list of one death is {list.Length} characters long");
        Assert.Contains(new string('B', 250) + "…", list, StringComparison.Ordinal);

        var page = await UiCommandTests.Get(http, $"/deaths/{id}", HttpStatusCode.OK);
        Assert.Contains(string.Join(' ', Enumerable.Repeat(new string('B', 100_000), 10)), page, StringComparison.Ordinal);
        Assert.Equal(0, await ui.Stop(15));
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task Ten_thousand_deaths_in_a_thousand_buckets_over_a_year_make_bounded_pages_the_busiest_buckets_and_the_count_of_the_rest()
    {
        var data = temp.Sub("many");
        var last = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        using (var writer = SqliteDeathStore.Open(data))
        {
            for (var i = 0; i < 10_000; i++)
            {
                var bucket = i % 1000;
                await writer.AddAsync(new DeathRecord
                {
                    RunId = "run-many",
                    Attempt = i,
                    Command = $"app --job {bucket}",
                    Pid = 42,
                    Cause = DeathCause.ExitCode,
                    ExitCode = 3,
                    Signature = bucket.ToString("x16", System.Globalization.CultureInfo.InvariantCulture),
                    Title = "exit code 3",
                    StartedAt = last.AddHours(-i - 1),
                    EndedAt = last.AddHours(-i),
                });
            }
        }

        await using var ui = await UiProcess.Start(["--data", data], NoToken);
        using var http = ui.Client();
        var buckets = await UiCommandTests.Get(http, "/buckets", HttpStatusCode.OK);
        Assert.Equal(200, Regex.Count(buckets, "<tr class=\"bucket\""));
        Assert.Contains("800 more buckets", buckets, StringComparison.Ordinal);
        Assert.True(buckets.Length < 1_000_000, $"the buckets page is {buckets.Length} characters long");

        var deaths = await UiCommandTests.Get(http, "/?limit=1000", HttpStatusCode.OK);
        Assert.Equal(1000, UiCommandTests.Rows(deaths).Count());
        Assert.Contains("rel=\"next\"", deaths, StringComparison.Ordinal);
        Assert.Equal(0, await ui.Stop(15));
    }

    [Fact]
    [Trait(StartsCli.Trait, StartsCli.Value)]
    public async Task A_ten_megabyte_line_on_standard_error_is_kept_cut_in_the_record_and_the_deaths_page_stays_small_and_encoded()
    {
        var data = temp.Sub("long-line");
        const string App = "head -c 10000000 /dev/zero | tr '\\0' A >&2; echo >&2; echo '</pre><script>alert(1)</script>' >&2; exit 4";
        var (exit, _, error) = await CliProcess.Run(NoToken, "run", "--data", data, "--", "/bin/sh", "-c", App);
        Assert.True(exit == 4 && error.Contains("recorded death", StringComparison.Ordinal), $"exit {exit}: {error[^Math.Min(error.Length, 2000)..]}");
        using (var store = SqliteDeathStore.OpenReadOnly(data, bringUpToDate: false))
        {
            var death = Assert.Single(await store.QueryAsync(new DeathQuery()));
            Assert.True(death.StderrTail.Length < 10_000, $"the record keeps {death.StderrTail.Length} characters of standard error");
            Assert.StartsWith(new string('A', 4000), death.StderrTail, StringComparison.Ordinal);
        }

        await using var ui = await UiProcess.Start(["--data", data], NoToken);
        using var http = ui.Client();
        var list = await UiCommandTests.Get(http, "/", HttpStatusCode.OK);
        var page = await UiCommandTests.Get(http, $"/deaths/{Assert.Single(UiCommandTests.Rows(list))}", HttpStatusCode.OK);
        Assert.True(page.Length < 100_000, $"the death's page is {page.Length} characters long");
        Assert.Contains("&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.Ordinal);
        Assert.Equal(0, await ui.Stop(15));
    }
}
