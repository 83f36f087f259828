using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PanicPath.Benchmarks.Peers;

/// <summary>
/// A local stand-in for Sentry's ingestion endpoint on 127.0.0.1 (an <see cref="HttpListener"/> on a
/// free port): answers <c>POST /api/&lt;project&gt;/envelope/</c> with 200 <c>{}</c>, as Sentry does,
/// and anything else with 404. Each run gets its own project number in its DSN (<see cref="DsnFor"/>),
/// so a late envelope of one run is never taken for another's. The arrival of a run's first envelope
/// holding an event (<see cref="SentryEnvelope.HasEvent"/>) is the moment the request reached the
/// receiver, read with <see cref="Stopwatch.GetTimestamp"/> before its body is read.
/// </summary>
internal sealed class SentryReceiver : IAsyncDisposable
{
    private const string PublicKey = "0123456789abcdef0123456789abcdef";

    private readonly HttpListener listener;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<long>> arrivals = new();
    private readonly Task loop;

    private SentryReceiver(HttpListener listener, int port)
    {
        this.listener = listener;
        Port = port;
        loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>Envelopes that were not understood (a bad path, encoding or body), for the report.</summary>
    public int Refused => refused;

    private int refused;

    /// <summary>Starts listening on a free port of 127.0.0.1.</summary>
    public static SentryReceiver Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
            try
            {
                listener.Start();
                return new SentryReceiver(listener, port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // The port was taken between the probe and the start: try another.
                listener.Close();
            }
        }
    }

    /// <summary>The DSN for run <paramref name="run"/> (its project number).</summary>
    public string DsnFor(int run) => $"http://{PublicKey}@127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/{run.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Completes with the <see cref="Stopwatch"/> timestamp at which run <paramref name="run"/>'s first event envelope arrived.</summary>
    public Task<long> EventArrival(int run) => Arrival(run).Task;

    private TaskCompletionSource<long> Arrival(int run) => arrivals.GetOrAdd(run, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var arrived = Stopwatch.GetTimestamp();
            _ = Task.Run(() => Answer(context, arrived));
        }
    }

    private void Answer(HttpListenerContext context, long arrived)
    {
        using var response = context.Response;
        try
        {
            var run = ProjectOf(context.Request);
            if (run is null)
            {
                Interlocked.Increment(ref refused);
                response.StatusCode = 404;
                return;
            }

            var body = SentryEnvelope.Decode(context.Request.InputStream, context.Request.Headers["Content-Encoding"]);
            if (SentryEnvelope.HasEvent(body))
            {
                Arrival(run.Value).TrySetResult(arrived);
            }

            var answer = Encoding.UTF8.GetBytes("{}");
            response.StatusCode = 200;
            response.ContentType = "application/json";
            response.ContentLength64 = answer.Length;
            response.OutputStream.Write(answer);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or HttpListenerException)
        {
            Interlocked.Increment(ref refused);
            response.StatusCode = 400;
        }
    }

    /// <summary>The project number of <c>POST /api/&lt;n&gt;/envelope/</c>, else null.</summary>
    private static int? ProjectOf(HttpListenerRequest request)
    {
        var segments = request.Url?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return request.HttpMethod == "POST" && segments is ["api", var project, "envelope"]
            && int.TryParse(project, NumberStyles.None, CultureInfo.InvariantCulture, out var run)
            ? run
            : null;
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop.ConfigureAwait(false);
    }
}
