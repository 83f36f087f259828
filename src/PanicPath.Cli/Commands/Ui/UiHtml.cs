using System.Globalization;
using Microsoft.AspNetCore.Http;
using PanicPath.Cli.Timeline;

namespace PanicPath.Cli.Commands.Ui;

/// <summary>
/// How <c>panicpath ui</c> answers with a page: the shared page shell (<see cref="HtmlPage.Render"/>) around
/// the view's own stylesheet (<see cref="UiStyles"/>, inline as the shell's own is: the shell's policy allows
/// no stylesheet from elsewhere), its navigation and the body, with the policy for exactly that page's
/// styles (<see cref="SecurityHeaders.ForPage"/>); every piece of text encoded (<see cref="HtmlPage.Encode"/>);
/// times in UTC as <c>2026-01-02 03:04:05Z</c> in a <c>&lt;time&gt;</c> element.
/// </summary>
internal static class UiHtml
{
    /// <summary>
    /// Answers <paramref name="context"/> with the page <paramref name="title"/> around <paramref name="bodyHtml"/>,
    /// the title also its <c>&lt;h1&gt;</c> unless <paramref name="heading"/> is false (the body has its own).
    /// </summary>
    public static Task Page(HttpContext context, int status, string title, string bodyHtml, bool heading = true)
    {
        var body = $"""
            <style>{UiStyles.Css}</style>
            <nav class="ui-nav"><a href="/">Deaths</a> <a href="/buckets">Buckets</a></nav>
            {(heading ? $"<h1>{Encode(title)}</h1>" : string.Empty)}
            {bodyHtml}
            """;
        var html = HtmlPage.Render($"{title} · panicpath", body);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.ContentSecurityPolicy = SecurityHeaders.ForPage(html);
        return response.WriteAsync(html, context.RequestAborted);
    }

    /// <summary>Answers with an error page: <paramref name="status"/>, <paramref name="title"/> and one sentence.</summary>
    public static Task Error(HttpContext context, int status, string title, string message) =>
        Page(context, status, title, $"""<p class="error">{Encode(message)}</p>""");

    /// <summary>Text made safe for an element's content or an attribute's value.</summary>
    public static string Encode(string? text) => HtmlPage.Encode(text ?? string.Empty);

    /// <summary>A time as a <c>&lt;time&gt;</c> element in UTC.</summary>
    public static string Time(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return string.Create(CultureInfo.InvariantCulture, $"""<time datetime="{utc:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}">{utc:yyyy-MM-dd HH:mm:ss'Z'}</time>""");
    }

    /// <summary>A whole number in invariant digits.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
