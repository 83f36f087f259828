using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using PanicPath.Cli.Timeline;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Store;

namespace PanicPath.Cli.Commands.Ui;

/// <summary>
/// <c>/</c>: the deaths, newest first, as <c>&lt;table id="deaths"&gt;</c> with one
/// <c>&lt;tr class="death" data-id="ID"&gt;</c> each (time, cause, title linking to the death, command,
/// exit code and signal, bucket linking to its deaths; title and command cut to <see cref="MaxShown"/> characters), under a GET form of the filters
/// (<see cref="DeathFilter"/>), with a link to the next page of older deaths when there is one. A bad
/// filter is a 400 page naming the field.
/// </summary>
internal sealed class DeathsPage(IDeathStore store)
{
    /// <summary>
    /// The most characters of a title or a command a row shows (the death's page shows them whole): a command
    /// line can be megabytes long, and a page holds up to <see cref="DeathQuery.MaxLimit"/> rows.
    /// </summary>
    public const int MaxShown = 300;

    public async Task Serve(HttpContext context)
    {
        var (filter, problem) = DeathFilter.Parse(context.Request.Query);
        if (filter is null)
        {
            await UiHtml.Error(context, StatusCodes.Status400BadRequest, "Bad filter", problem!.Message).ConfigureAwait(false);
            return;
        }

        // One more than a page: whether an older page exists.
        var query = filter.Query;
        var found = await store.QueryAsync(query with { Limit = Math.Min(query.Limit + 1, DeathQuery.MaxLimit) }, context.RequestAborted).ConfigureAwait(false);
        var more = found.Count > query.Limit;
        if (!more && query.Limit == DeathQuery.MaxLimit && found.Count == query.Limit)
        {
            // A full page of the most the store answers at once: whether an older page exists is one more question.
            more = (await store.QueryAsync(query with { BeforeId = found[^1].Id, Limit = 1 }, context.RequestAborted).ConfigureAwait(false)).Count > 0;
        }
        var deaths = more ? found.Take(query.Limit).ToList() : found;

        var html = new StringBuilder();
        html.Append(Form(filter));
        if (deaths.Count == 0)
        {
            html.Append("""<p class="empty">No deaths match.</p>""");
        }

        html.Append("""
            <table id="deaths" class="ui">
            <thead><tr><th>Time</th><th>Cause</th><th>Title</th><th>Command</th><th>Exit</th><th>Bucket</th></tr></thead>
            <tbody>
            """);
        foreach (var death in deaths)
        {
            html.Append(Row(death));
        }

        html.Append("</tbody></table>");
        html.Append("""<p class="paging">""");
        if (query.BeforeId is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<a rel="first" href="/{UiHtml.Encode(filter.With("before", null))}">Newest</a>""");
        }

        if (more)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<a rel="next" href="/{UiHtml.Encode(filter.With("before", UiHtml.Number(deaths[^1].Id)))}">Older</a>""");
        }

        html.Append("</p>");
        await UiHtml.Page(context, StatusCodes.Status200OK, "Deaths", html.ToString()).ConfigureAwait(false);
    }

    /// <summary>One death's row.</summary>
    private static string Row(DeathRecord death)
    {
        var id = UiHtml.Number(death.Id);
        var exit = UiHtml.Number(death.ExitCode) + (death.Signal is { } signal ? " (" + UiHtml.Encode(signal) + ")" : string.Empty);
        return $"""
            <tr class="death" data-id="{id}">
            <td>{UiHtml.Time(death.EndedAt)}</td>
            <td class="cause">{UiHtml.Encode(death.Cause)}{(death.Pending ? " (pending)" : string.Empty)}</td>
            <td class="title"><a href="/deaths/{id}">{UiHtml.Encode(TimelineSvg.Shorten(death.Title, MaxShown))}</a></td>
            <td class="command">{UiHtml.Encode(TimelineSvg.Shorten(death.Command, MaxShown))}</td>
            <td class="number">{exit}</td>
            <td class="signature">{(death.EndedCleanly ? string.Empty : $"""<a href="/?bucket={UiHtml.Encode(Uri.EscapeDataString(death.Signature))}">{UiHtml.Encode(death.Signature)}</a>""")}</td>
            </tr>

            """;
    }

    /// <summary>The filters as a GET form, filled with what <paramref name="filter"/> was given.</summary>
    private static string Form(DeathFilter filter)
    {
        string Value(string field) => UiHtml.Encode(filter.Given.GetValueOrDefault(field));
        var causes = new StringBuilder("""<option value="">any</option>""");
        foreach (var cause in DeathCause.All.Append(DeathCause.CleanExit))
        {
            var selected = filter.Given.GetValueOrDefault("cause") == cause ? " selected" : string.Empty;
            causes.Append(CultureInfo.InvariantCulture, $"""<option value="{UiHtml.Encode(cause)}"{selected}>{UiHtml.Encode(cause)}</option>""");
        }

        return $"""
            <form class="filters" method="get" action="/">
            <label>Cause <select name="cause">{causes}</select></label>
            <label>Bucket <input name="bucket" value="{Value("bucket")}" size="18" maxlength="16" placeholder="signature"></label>
            <label>Command <input name="command" value="{Value("command")}" placeholder="text in the command"></label>
            <label>Since <input name="since" value="{Value("since")}" placeholder="2026-01-02T03:04Z"></label>
            <label>Until <input name="until" value="{Value("until")}" placeholder="2026-01-02T03:04Z"></label>
            <button type="submit">Filter</button> <a href="/">Clear</a>
            </form>

            """;
    }
}
