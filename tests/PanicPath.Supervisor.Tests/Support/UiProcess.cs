using System.Diagnostics;
using System.Text;

namespace PanicPath.Supervisor.Tests.Support;

/// <summary>
/// <c>panicpath ui ARGS</c> (<see cref="Crasher.Cli"/>) as a real process: started, its first line of
/// standard output read (<c>panicpath ui: listening on URL</c>) and its address kept, its standard error
/// kept whole. Stopping sends a signal and answers the exit code; disposal kills whatever is left.
/// </summary>
internal sealed class UiProcess : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private const string Prefix = "panicpath ui: listening on ";
    private readonly Process process;
    private readonly StringBuilder error;
    private readonly Task errorDone;

    private UiProcess(Process process, StringBuilder error, Task errorDone, string line)
    {
        this.process = process;
        this.error = error;
        this.errorDone = errorDone;
        Line = line;
        Address = line[Prefix.Length..];
    }

    /// <summary>The line the command printed on start.</summary>
    public string Line { get; }

    /// <summary>The address it printed (with <c>?token=…</c> when it has a token).</summary>
    public string Address { get; }

    /// <summary>The address without any query: the view's root, ending in <c>/</c>.</summary>
    public Uri Root => new(Address.Split('?')[0]);

    /// <summary>The token the printed address carries (<c>?token=…</c>), or null when it has none.</summary>
    public string? Token => Address.Split("?token=") is [_, var token] ? token : null;

    /// <summary>A client of the view's root that sends the printed token as <c>Authorization: Bearer</c>.</summary>
    public HttpClient Client()
    {
        var http = new HttpClient { BaseAddress = Root };
        if (Token is { } token)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    /// <summary>The command's standard error so far.</summary>
    public string Error
    {
        get
        {
            lock (error)
            {
                return error.ToString();
            }
        }
    }

    /// <summary>Starts <c>panicpath ui</c> with <paramref name="args"/>; fails the test when it exits or prints something else first.</summary>
    public static async Task<UiProcess> Start(string[] args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        string[] cli = [.. Crasher.Cli, "ui", .. args];
        var start = new ProcessStartInfo(cli[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in cli[1..])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        var error = new StringBuilder();
        var errorDone = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (error)
                {
                    error.AppendLine(line);
                }
            }
        });
        var first = await process.StandardOutput.ReadLineAsync().WaitAsync(Patience);
        if (first is null || !first.StartsWith(Prefix, StringComparison.Ordinal))
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync().WaitAsync(Patience);
            await errorDone.WaitAsync(Patience);
            Assert.Fail($"panicpath ui printed '{first}' (exit {process.ExitCode}); stderr: {error}");
        }

        return new UiProcess(process, error, errorDone, first!);
    }

    /// <summary>Sends <paramref name="signal"/> (SIGTERM: 15, SIGINT: 2) and answers the exit code.</summary>
    public async Task<int> Stop(int signal)
    {
        SupervisorProcess.Send(process.Id, signal);
        await process.WaitForExitAsync().WaitAsync(Patience);
        await errorDone.WaitAsync(Patience);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(Patience);
            }
        }
        catch (InvalidOperationException)
        {
            // Gone meanwhile.
        }

        process.Dispose();
    }
}
