using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Browser.Tests.Support;

/// <summary>
/// <c>panicpath ui --data DIR</c> started as a child process (through <see cref="Crasher.Cli"/>), running
/// until disposed, when this process (and only it, with its children) is killed. <see cref="Url"/> is the
/// URL its one line <c>panicpath ui: listening on URL</c> names on standard output.
/// </summary>
internal sealed partial class UiServer : IDisposable
{
    private readonly Process process;

    private UiServer(Process process, Uri url)
    {
        this.process = process;
        Url = url;
    }

    /// <summary>The page the server names, with its token when it asks for one.</summary>
    public Uri Url { get; }

    /// <summary>Starts the server on <paramref name="data"/> and waits (at most two minutes) for its URL line.</summary>
    public static async Task<UiServer> Start(string data)
    {
        var cli = Crasher.Cli;
        var start = new ProcessStartInfo(cli[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[.. cli[1..], "ui", "--data", data])
        {
            start.ArgumentList.Add(argument);
        }

        // The deaths are in DATA; a server named by the environment would be read instead.
        start.Environment["PANICPATH_POSTGRES"] = null;
        var process = Process.Start(start)!;
        var error = new StringBuilder();
        process.ErrorDataReceived += (_, line) =>
        {
            lock (error)
            {
                error.AppendLine(line.Data);
            }
        };
        process.BeginErrorReadLine();
        var started = false;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (Listening().Match(line) is { Success: true } match)
                {
                    // The rest of standard output is drained so that the server never blocks writing it.
                    _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
                    var server = new UiServer(process, new Uri(match.Groups["url"].Value));
                    started = true;
                    return server;
                }
            }

            await process.WaitForExitAsync(timeout.Token);
            lock (error)
            {
                Assert.Fail($"panicpath ui exited {process.ExitCode} without its URL line: {error}");
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"panicpath ui printed no URL line in two minutes: {error}");
        }
        finally
        {
            // Reached without a server to answer only when the test fails: the process started here goes.
            if (!process.HasExited && !started)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        throw new UnreachableException();
    }

    /// <summary>The page at <paramref name="path"/> (absolute, with its query) on this server, with the server's token when it has one.</summary>
    public string Page(string path)
    {
        var page = new UriBuilder(new Uri(Url, path));
        var token = System.Web.HttpUtility.ParseQueryString(Url.Query)["token"];
        if (token is not null)
        {
            page.Query = (page.Query.Length > 1 ? page.Query[1..] + "&" : "") + "token=" + Uri.EscapeDataString(token);
        }

        return page.Uri.AbsoluteUri;
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(30));
            }
        }
        finally
        {
            process.Dispose();
        }
    }

    [GeneratedRegex(@"^panicpath ui: listening on (?<url>https?://\S+)$")]
    private static partial Regex Listening();
}
