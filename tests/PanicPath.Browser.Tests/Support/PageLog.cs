using System.Globalization;
using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace PanicPath.Browser.Tests.Support;

/// <summary>
/// What the browser logged since the last read (reading empties both logs): the console (the <c>browser</c>
/// log, every level) and the network requests of the page (the <c>performance</c> log's DevTools
/// <c>Network.*</c> events: each request's URL, its status, its failure).
/// </summary>
internal sealed class PageLog
{
    private readonly List<string> severe = [];
    private readonly List<Request> requests = [];

    private PageLog()
    {
    }

    /// <summary>Every console message, as <c>LEVEL message</c>.</summary>
    public List<string> Console { get; } = [];

    /// <summary>Reads (and so empties) both logs.</summary>
    public static PageLog Read(ChromeDriver driver)
    {
        var log = new PageLog();
        foreach (var entry in driver.Manage().Logs.GetLog(LogType.Browser))
        {
            log.Console.Add($"{entry.Level} {entry.Message}");
            if (entry.Level == LogLevel.Severe)
            {
                log.severe.Add(entry.Message);
            }
        }

        var byId = new Dictionary<string, Request>(StringComparer.Ordinal);
        foreach (var entry in driver.Manage().Logs.GetLog(LogType.Performance))
        {
            using var json = JsonDocument.Parse(entry.Message);
            if (!json.RootElement.TryGetProperty("message", out var message)
                || !message.TryGetProperty("method", out var method)
                || !message.TryGetProperty("params", out var parameters)
                || !parameters.TryGetProperty("requestId", out var idElement))
            {
                continue;
            }

            var id = idElement.GetString() ?? "";
            switch (method.GetString())
            {
                case "Network.requestWillBeSent":
                    // The browser's own pages (a new tab's chrome:// page still loading when the first test
                    // navigates) load their chrome:// resources; they are no request of the page under test.
                    if (parameters.TryGetProperty("documentURL", out var document)
                        && Uri.TryCreate(document.GetString(), UriKind.Absolute, out var documentUrl)
                        && documentUrl.Scheme is "chrome" or "chrome-untrusted")
                    {
                        break;
                    }

                    var request = new Request(parameters.GetProperty("request").GetProperty("url").GetString() ?? "");
                    byId[id] = request;
                    log.requests.Add(request);
                    break;
                case "Network.responseReceived" when byId.TryGetValue(id, out var answered):
                    answered.Status = parameters.GetProperty("response").GetProperty("status").GetInt32();
                    break;
                case "Network.loadingFailed" when byId.TryGetValue(id, out var failed):
                    failed.Failure = parameters.TryGetProperty("errorText", out var text) ? text.GetString() : "failed";
                    break;
            }
        }

        return log;
    }

    /// <summary>
    /// The problems of a page at <paramref name="page"/>: each SEVERE console message, each request that
    /// failed or was answered 400 or above, and each request to another origin than the page's (a page
    /// read from a file may load only files and inline data).
    /// </summary>
    public List<string> Problems(Uri page)
    {
        var problems = severe.Select(message => $"console error: {message}").ToList();
        foreach (var request in requests)
        {
            if (request.Failure is not null)
            {
                problems.Add($"request failed ({request.Failure}): {request.Url}");
            }
            else if (request.Status >= 400)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"request answered {request.Status}: {request.Url}"));
            }

            if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var target))
            {
                problems.Add($"request to a URL that is not absolute: {request.Url}");
            }
            else if (target.Scheme is not ("data" or "blob" or "about")
                     && !(target.Scheme == page.Scheme && (page.IsFile || target.Authority == page.Authority)))
            {
                problems.Add($"request outside the page's origin {page.GetLeftPart(UriPartial.Authority)}: {request.Url}");
            }
        }

        return problems;
    }

    /// <summary>One request the page made.</summary>
    private sealed class Request(string url)
    {
        public string Url { get; } = url;

        public int Status { get; set; }

        public string? Failure { get; set; }
    }
}
