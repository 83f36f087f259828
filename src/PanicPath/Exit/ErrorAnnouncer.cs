using System.Collections.Concurrent;
using System.Text;

namespace PanicPath.Exit;

/// <summary>
/// Writes the path's own lines ("panic: …", "report written to …") to standard error from a thread
/// started at install, so the panicking thread never blocks on a full or stalled stderr pipe. The path
/// queues a line and goes on; before exit it waits a bounded time for the queue to drain.
/// </summary>
internal sealed class ErrorAnnouncer
{
    private readonly ConcurrentQueue<byte[]> pending = new();
    private readonly SemaphoreSlim queued = new(0);
    private readonly Stream stream;
    private int outstanding;

    internal ErrorAnnouncer(Stream stream)
    {
        this.stream = stream;
        new Thread(Loop) { IsBackground = true, Name = "panicpath-stderr" }.Start();
    }

    /// <summary>Queues <paramref name="text"/>; never blocks.</summary>
    internal void Announce(string text)
    {
        Interlocked.Increment(ref outstanding);
        pending.Enqueue(Encoding.UTF8.GetBytes(text));
        queued.Release();
    }

    /// <summary>Waits at most <paramref name="timeout"/> for every queued line to be written.</summary>
    internal bool Drain(TimeSpan timeout) => SpinWait.SpinUntil(() => Volatile.Read(ref outstanding) == 0, timeout);

    private void Loop()
    {
        while (true)
        {
            queued.Wait();
            if (!pending.TryDequeue(out var bytes))
            {
                continue;
            }

            try
            {
                stream.Write(bytes);
                stream.Flush();
            }
            catch (Exception)
            {
                // A closed stderr must not stop the path.
            }

            Interlocked.Decrement(ref outstanding);
        }
    }
}
