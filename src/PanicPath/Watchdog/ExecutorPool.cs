namespace PanicPath.Watchdog;

/// <summary>
/// The executor threads the panic path moves to once a step overran its budget: one takes the rest of
/// the path, and hands each later step to another. The constructor starts <c>size</c> threads
/// (at install, never at panic time). <see cref="Next"/> answers the executor the next step runs on:
/// the current one while it is not lost, else the next thread started at install. An executor whose
/// step overran its budget or panicked is lost for good: it is never handed another step.
/// <para>
/// When every executor started at install is lost, <see cref="Next"/> starts one replacement thread,
/// the only thread a panic ever starts. It does so only for a step that is about to run, after an
/// earlier step has already spent its whole budget hung, so a path starts at most one thread per hung
/// step, and the deadline bounds how many steps can hang. The thread running the rest of the path
/// therefore never runs a step itself and never waits for one past its budget, however many steps hang.
/// </para>
/// <para>
/// Not thread-safe: only the thread moving or running the path calls <see cref="Next"/>, one at a time
/// (the step watchdog once, when it moves the path; then the executor that took it).
/// </para>
/// </summary>
internal sealed class ExecutorPool
{
    private readonly PathExecutor[] installed;
    private PathExecutor? replacement;
    private int cursor;
    private int replacements;

    /// <summary>Starts <paramref name="size"/> executor threads, named <c>panicpath-executor-N</c>.</summary>
    internal ExecutorPool(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        installed = new PathExecutor[size];
        for (var i = 0; i < size; i++)
        {
            installed[i] = new PathExecutor($"panicpath-executor-{i}");
            installed[i].Start();
        }
    }

    /// <summary>How many replacement threads panics have started so far.</summary>
    internal int Replacements => Volatile.Read(ref replacements);

    /// <summary>
    /// The executor for the next step: one not lost, started at install if any is left, else a
    /// replacement started now. Null only when the replacement thread could not be started
    /// (<paramref name="failure"/> says why); the step is then skipped.
    /// </summary>
    internal PathExecutor? Next(out Exception? failure)
    {
        failure = null;
        while (cursor < installed.Length)
        {
            if (!installed[cursor].Lost)
            {
                return installed[cursor];
            }

            cursor++;
        }

        if (replacement is { Lost: false } ready)
        {
            return ready;
        }

        try
        {
            var started = new PathExecutor($"panicpath-executor-r{replacements}");
            started.Start();
            replacement = started;
            Interlocked.Increment(ref replacements);
            return started;
        }
        catch (Exception exception)
        {
            // Out of memory or out of threads: nothing else can run the step.
            failure = exception;
            return null;
        }
    }
}
