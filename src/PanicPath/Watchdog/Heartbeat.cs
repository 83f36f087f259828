using PanicPath.Reports;

namespace PanicPath.Watchdog;

/// <summary>
/// The liveness signal the supervisor's hang watchdog listens for. One thread, started at install,
/// owns its own connection to the report channel, which it first greets as the report connection does
/// (<see cref="ChannelSocket.Greet"/>): with the version the report connection agreed on, and when the
/// supervisor closes on that hello (a version 1 supervisor on a version 2 hello), once more in version
/// 1 on a new connection; the beats are then frames of the version agreed. Greeting with the version
/// already agreed costs a version 1 supervisor no second refused hello. Every interval it looks whether the probe it queued
/// on the thread pool at the previous beat has run: if it has, it sends a heartbeat frame and queues
/// the next probe; if not, it sends nothing. So "alive" means the thread pool still runs work within an
/// interval: a starved or deadlocked pool stops the beats even though this thread still runs. A send
/// that fails (the supervisor is gone) ends the thread.
/// </summary>
internal sealed class Heartbeat : IThreadPoolWorkItem
{
    private readonly string address;
    private readonly TimeSpan interval;
    private readonly byte greeting;
    private readonly TimeSpan helloWait;
    private readonly Thread thread;
    private ChannelSocket socket;
    private int probeRan;
    private long sent;
    private int version;

    private Heartbeat(string address, ChannelSocket socket, TimeSpan interval, byte greeting, TimeSpan helloWait)
    {
        this.address = address;
        this.socket = socket;
        this.interval = interval;
        this.greeting = greeting;
        this.helloWait = helloWait;
        thread = new Thread(Run) { IsBackground = true, Name = "panicpath-heartbeat" };
    }

    /// <summary>Heartbeats sent so far.</summary>
    internal long Sent => Interlocked.Read(ref sent);

    /// <summary>The protocol version the beats are sent in once the greeting is done; 0 before.</summary>
    internal byte Version => (byte)Volatile.Read(ref version);

    /// <summary>
    /// Connects and starts the thread, which greets the supervisor with <paramref name="version"/> (the
    /// version the report connection agreed on; the highest this library speaks by default), waiting for
    /// its answer at most <paramref name="helloWait"/> (a second by default), before the first beat.
    /// Null when the channel cannot be reached.
    /// </summary>
    internal static Heartbeat? Start(string address, TimeSpan interval, byte version = ChannelFrame.HighestVersion, TimeSpan? helloWait = null)
    {
        if (ChannelSocket.TryConnect(address, interval) is not { } socket)
        {
            return null;
        }

        var heartbeat = new Heartbeat(address, socket, interval, version, helloWait ?? TimeSpan.FromSeconds(1));
        heartbeat.thread.Start();
        return heartbeat;
    }

    /// <summary>The probe: runs on a thread-pool thread.</summary>
    public void Execute() => Volatile.Write(ref probeRan, 1);

    private void Run()
    {
        if (!Greet())
        {
            return;
        }

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

    /// <summary>
    /// Greets with the version given at start and, when the supervisor closes on it, greets a new
    /// connection in version 1; false (the connection closed) when neither hello was taken.
    /// </summary>
    private bool Greet()
    {
        if (socket.Greet(greeting, helloWait))
        {
            Volatile.Write(ref version, socket.Version);
            return true;
        }

        socket.Dispose();
        if (greeting == ChannelFrame.Version1 || ChannelSocket.TryConnect(address, interval) is not { } again)
        {
            return false;
        }

        socket = again;
        if (socket.Greet(ChannelFrame.Version1, helloWait))
        {
            Volatile.Write(ref version, socket.Version);
            return true;
        }

        socket.Dispose();
        return false;
    }
}
