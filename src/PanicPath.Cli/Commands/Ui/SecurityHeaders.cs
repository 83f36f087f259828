using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace PanicPath.Cli.Commands.Ui;

/// <summary>
/// The headers on every response of <c>panicpath ui</c>: a content security policy that allows only the
/// view's own origin (<c>default-src 'self'</c>: no script, image or style from elsewhere, no form posted
/// elsewhere, no framing by any page, <c>frame-ancestors 'none'</c>), <c>X-Content-Type-Options: nosniff</c>,
/// <c>Referrer-Policy: no-referrer</c>, <c>X-Frame-Options: DENY</c> for older browsers, and
/// <c>Cache-Control: no-store</c> (pages may hold secrets a death left). A page that carries a
/// <c>&lt;style&gt;</c> element of the shared page shell gets that element's SHA-256 hash added to
/// <c>style-src</c> (<see cref="ForPage"/>), so that exactly the styles it was rendered with apply; no
/// other inline style or script does.
/// </summary>
internal static partial class SecurityHeaders
{
    /// <summary>The policy of a response that is not a page with inline styles.</summary>
    public const string BasePolicy = "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Sets the headers on every response before the rest of the pipeline runs.</summary>
    public static Task Middleware(HttpContext context, RequestDelegate next)
    {
        Apply(context.Response);
        return next(context);
    }

    /// <summary>Sets the headers on <paramref name="response"/> (again after it was cleared).</summary>
    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = BasePolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
    }

    /// <summary>The policy for the page <paramref name="html"/>: <see cref="BasePolicy"/> with a <c>style-src</c> naming the hash of each of its <c>&lt;style&gt;</c> elements.</summary>
    public static string ForPage(string html)
    {
        var hashes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match match in StyleElement().Matches(html))
        {
            hashes.Add("'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(match.Groups[1].Value))) + "'");
        }

        return hashes.Count == 0 ? BasePolicy : $"{BasePolicy}; style-src 'self' {string.Join(' ', hashes)}";
    }

    [GeneratedRegex("<style[^>]*>(.*?)</style>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex StyleElement();
}
