using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace PanicPath.Cli.Commands.Ui;

/// <summary>
/// Who may use <c>panicpath ui</c>. Every request must carry the token: an
/// <c>Authorization: Bearer TOKEN</c> header, the cookie <see cref="CookieName"/>, or <c>?token=TOKEN</c>,
/// which sets that cookie (HttpOnly, SameSite=Strict) and redirects to the same address without it, so
/// that the token leaves the address bar and the history (a path, never another host: its leading slashes are one); anything else is 401. Tokens are compared in
/// constant time (their SHA-256 hashes, so that not even the length shows). On a loopback address, a request
/// must also name a loopback host (<c>127.0.0.1</c>, <c>[::1]</c>, <c>localhost</c>)
/// in its <c>Host</c> header, or it is refused (421): a web page elsewhere cannot reach the view through a
/// name of its own that resolves to 127.0.0.1 (DNS rebinding).
/// </summary>
internal sealed class UiAccess(string token, bool loopbackOnly)
{
    /// <summary>The cookie that carries the token after <c>?token=</c>.</summary>
    public const string CookieName = "panicpath_ui_token";

    private const string QueryName = "token";

    private readonly byte[] expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>A token made at random for one start: 32 bytes from the system's generator, base64url (43 characters).</summary>
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Lets the request through, or answers it as refused.</summary>
    public Task Middleware(HttpContext context, RequestDelegate next)
    {
        if (loopbackOnly && !IsLoopbackHost(context.Request.Host))
        {
            return UiHtml.Error(context, StatusCodes.Status421MisdirectedRequest, "Misdirected request", "This view answers only requests addressed to a loopback host (127.0.0.1, [::1] or localhost).");
        }

        var request = context.Request;
        if (request.Query.TryGetValue(QueryName, out var fromQuery))
        {
            if (fromQuery.Count != 1 || !Matches(fromQuery[0]))
            {
                return Refuse(context);
            }

            context.Response.Cookies.Append(CookieName, fromQuery[0]!, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true });
            var rest = new QueryBuilder(request.Query.Where(q => q.Key != QueryName).SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? string.Empty))));
            // One leading slash only: "//evil.example/?token=…" must not redirect to another host.
            var path = (request.PathBase + request.Path).ToUriComponent();
            context.Response.Redirect("/" + path.TrimStart('/') + rest.ToQueryString());
            return Task.CompletedTask;
        }

        var authorization = request.Headers.Authorization;
        if (authorization.Count == 1 && authorization[0] is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return Matches(header["Bearer ".Length..].Trim()) ? next(context) : Refuse(context);
        }

        return request.Cookies.TryGetValue(CookieName, out var fromCookie) && Matches(fromCookie) ? next(context) : Refuse(context);
    }

    /// <summary>True when <paramref name="given"/> is the token, compared in constant time.</summary>
    private bool Matches(string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), expected);

    private static Task Refuse(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return UiHtml.Error(context, StatusCodes.Status401Unauthorized, "Token required", "This view needs the token it was started with: open the address 'panicpath ui' printed (with ?token=…), or send Authorization: Bearer TOKEN.");
    }

    /// <summary>True for a Host header naming a loopback address or <c>localhost</c>, with any port.</summary>
    private static bool IsLoopbackHost(HostString host)
    {
        if (!host.HasValue)
        {
            return false;
        }

        var name = host.Host;
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(name.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}
