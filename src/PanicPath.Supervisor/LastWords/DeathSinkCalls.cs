using System.Globalization;

namespace PanicPath.Supervisor.LastWords;

/// <summary>
/// Calls the sinks one after another, each on the thread pool and within the timeout, so that a sink
/// that blocks, hangs or throws costs the supervisor at most the timeout and a line on the error writer.
/// </summary>
internal sealed class DeathSinkCalls(IReadOnlyList<IDeathSink> sinks, TimeSpan timeout, TextWriter error)
{
    public async Task CallAsync(Func<IDeathSink, CancellationToken, Task> call)
    {
        foreach (var sink in sinks)
        {
            using var expiry = new CancellationTokenSource(timeout);
            try
            {
                await Task.Run(() => call(sink, expiry.Token), expiry.Token).WaitAsync(timeout).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && expiry.IsCancellationRequested))
            {
                Note(string.Create(CultureInfo.InvariantCulture, $"panicpath: {sink.Name}: no answer within {timeout.TotalSeconds:0.###} s; going on"));
            }
            catch (Exception e)
            {
                Note($"panicpath: {sink.Name}: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    /// <summary>Writes under the writer's lock, as the child's output is copied to it under the same lock meanwhile.</summary>
    private void Note(string line)
    {
        try
        {
            lock (error)
            {
                error.WriteLine(line);
                error.Flush();
            }
        }
        catch (IOException)
        {
            // The supervisor's own error stream is gone; the run goes on.
        }
    }
}
