using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using PanicPath.Cli.Timeline;
using PanicPath.Supervisor.Store;

namespace PanicPath.Cli.Commands.Ui;

/// <summary>
/// <c>/buckets</c>: the <see cref="MaxShown"/> busiest buckets, most deaths first (then how many more there are), as <c>&lt;table id="buckets"&gt;</c> with one
/// <c>&lt;tr class="bucket" data-signature="…"&gt;</c> each: its signature (linking to its deaths), cause,
/// title, count, first and last seen, and its deaths over time (<see cref="BucketChart"/>), per hour when
/// all deaths fall within two days, else per day, on one time axis for every bucket.
/// </summary>
internal sealed class BucketsPage(IDeathStore store)
{
    /// <summary>The most buckets the page shows, the busiest: an app that dies with a new command line each time makes a bucket each time.</summary>
    public const int MaxShown = 200;

    public async Task Serve(HttpContext context)
    {
        if (context.Request.Query.Count > 0)
        {
            await UiHtml.Error(context, StatusCodes.Status400BadRequest, "Bad filter", $"'{context.Request.Query.Keys.First()}' is not a filter of this page (it has none)").ConfigureAwait(false);
            return;
        }

        var buckets = await store.BucketsAsync(context.RequestAborted).ConfigureAwait(false);
        var html = new StringBuilder();
        if (buckets.Count == 0)
        {
            html.Append("""<p class="empty">No bucket yet: no death has been recorded.</p>""");
        }

        var span = buckets.Count == 0 ? null : BucketChart.Span.For(buckets.Min(b => b.FirstSeen), buckets.Max(b => b.LastSeen));
        var history = (span is null ? [] : await store.BucketHistoryAsync(span.Period, context.RequestAborted).ConfigureAwait(false)).ToLookup(c => c.Signature, StringComparer.Ordinal);
        html.Append(CultureInfo.InvariantCulture, $"""
            <table id="buckets" class="ui">
            <thead><tr><th>Bucket</th><th>Cause</th><th>Title</th><th>Deaths</th><th>First seen</th><th>Last seen</th><th>Deaths per {span?.Name ?? "day"}</th></tr></thead>
            <tbody>
            """);
        foreach (var bucket in buckets.Take(MaxShown))
        {
            var signature = UiHtml.Encode(bucket.Signature);
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr class="bucket" data-signature="{signature}">
                <td class="signature"><a href="/?bucket={UiHtml.Encode(Uri.EscapeDataString(bucket.Signature))}">{signature}</a></td>
                <td class="cause">{UiHtml.Encode(bucket.Cause)}</td>
                <td class="title">{UiHtml.Encode(TimelineSvg.Shorten(bucket.Title, DeathsPage.MaxShown))}</td>
                <td class="number">{UiHtml.Number(bucket.Count)}</td>
                <td>{UiHtml.Time(bucket.FirstSeen)}</td>
                <td>{UiHtml.Time(bucket.LastSeen)}</td>
                <td>{BucketChart.Render(span!, history[bucket.Signature])}</td>
                </tr>

                """);
        }

        html.Append("</tbody></table>");
        if (buckets.Count > MaxShown)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<p class="more">{UiHtml.Number(buckets.Count - MaxShown)} more buckets, with fewer deaths each, are not shown; the deaths list finds them.</p>""");
        }

        await UiHtml.Page(context, StatusCodes.Status200OK, "Buckets", html.ToString()).ConfigureAwait(false);
    }
}
