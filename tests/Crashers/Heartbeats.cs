using PanicPath.Panics;

namespace Crashers;

/// <summary>
/// Deaths and lives of an app whose PanicPath beats to the supervisor (<c>--hang-timeout</c>): one
/// starves its thread pool for good once the supervisor has its first heartbeat, one keeps a healthy
/// pool and exits after a number of beats.
/// </summary>
internal static class Heartbeats
{
    private static readonly TimeSpan FirstBeatLimit = TimeSpan.FromSeconds(120);

    /// <summary>Waits for the first heartbeat, then blocks every thread-pool thread (sync over async, a small pool) and the main thread for ever.</summary>
    public static void StarveThreadPoolAfterFirstBeat()
    {
        if (!WaitForBeats(1))
        {
            return;
        }

        ThreadPool.SetMinThreads(1, 1);
        ThreadPool.SetMaxThreads(Environment.ProcessorCount, Environment.ProcessorCount);
        var never = new TaskCompletionSource();
        for (var i = 0; i < Environment.ProcessorCount * 8; i++)
        {
            _ = Task.Run(() => never.Task.Wait());
        }

        Console.Out.WriteLine("crasher thread pool starved");
        Console.Out.Flush();
        never.Task.Wait();
    }

    /// <summary>Lives with a healthy thread pool until <paramref name="beats"/> heartbeats were sent, then exits with 0.</summary>
    public static int ExitAfterBeats(int beats)
    {
        if (!WaitForBeats(beats))
        {
            return 1;
        }

        Console.Out.WriteLine($"crasher sent {beats} heartbeats");
        return 0;
    }

    private static bool WaitForBeats(long beats)
    {
        var runtime = PanicRuntime.Current;
        var limit = DateTime.UtcNow + FirstBeatLimit;
        while (runtime is not null && runtime.HeartbeatsSent < beats && DateTime.UtcNow < limit)
        {
            Thread.Sleep(20);
        }

        if (runtime is null || runtime.HeartbeatsSent < beats)
        {
            Console.Error.WriteLine($"crasher: no heartbeat to the supervisor (runtime installed: {runtime is not null}); run it under panicpath run --hang-timeout");
            return false;
        }

        return true;
    }
}
