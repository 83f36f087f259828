using PanicPath.Reports;

namespace PanicPath.Watchdog;

/// <summary>
/// The liveness signal the supervisor's hang watchdog listens for. One thread, started at install,
/// owns its own connection to the report channel. Every interval it looks whether the probe it queued
/// on the thread pool at the previous beat has run: if it has, it sends a heartbeat frame and queues
/// the next probe; if not, it sends nothing. So "alive" means the thread pool still runs work within an
/// interval: a starved or deadlocked pool stops the beats even though this thread still runs. A send
/// that fails (the supervisor is gone) ends the thread.
/// </summary>
internal sealed class Heartbeat : IThreadPoolWorkItem
{
    private readonly ChannelSocket socket;
    private readonly TimeSpan interval;
    private readonly Thread thread;
    private int probeRan;
    private long sent;

    private Heartbeat(ChannelSocket socket, TimeSpan interval)
    {
        this.socket = socket;
        this.interval = interval;
        thread = new Thread(Run) { IsBackground = true, Name = "panicpath-heartbeat" };
    }

    /// <summary>Heartbeats sent so far.</summary>
    internal long Sent => Interlocked.Read(ref sent);

    /// <summary>Connects and starts the thread; null when the channel cannot be reached.</summary>
    internal static Heartbeat? Start(string address, TimeSpan interval)
    {
        if (ChannelSocket.TryConnect(address, interval) is not { } socket)
        {
            return null;
        }

        var heartbeat = new Heartbeat(socket, interval);
        heartbeat.thread.Start();
        return heartbeat;
    }

    /// <summary>The probe: runs on a thread-pool thread.</summary>
    public void Execute() => Volatile.Write(ref probeRan, 1);

    private void Run()
    {
        Volatile.Write(ref probeRan, 0);
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        while (true)
        {
            Thread.Sleep(interval);
            if (Volatile.Read(ref probeRan) == 0)
            {
                continue;
            }

            if (!socket.TrySend(ChannelFrameKind.Heartbeat, ReadOnlySpan<byte>.Empty))
            {
                socket.Dispose();
                return;
            }

            Interlocked.Increment(ref sent);
            Volatile.Write(ref probeRan, 0);
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }
}
