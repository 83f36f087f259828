using System.Diagnostics;

namespace PanicPath.Supervisor.Launch;

/// <summary>
/// Runs one child to its death: starts <c>command args</c> with the given environment additions,
/// copies each line of its standard output and error to the supervisor's writers as it arrives while
/// keeping the last lines of each (holding at most 64 K characters of a line however long it is), tells the signal forwarder its pid, and answers how it ended.
/// <c>started</c>, when given, hears the pid as soon as the child runs. Standard input is inherited. A command that cannot be started (an empty name included) throws <see cref="ChildStartException"/>,
/// telling one that does not exist from one that cannot be executed;
/// when the token is cancelled the child's process tree is killed and the cancellation is thrown.
/// With a <see cref="Subreaper"/>, the child is announced to it (so it is never reaped behind
/// <see cref="Process"/>'s back), and once it has exited the orphans it left are ended
/// (<see cref="Subreaper.EndLifeAsync"/>) before its output is drained; when cancelled they are killed.
/// </summary>
public static class ChildProcess
{
    /// <summary>ENOENT, the error of starting a command that does not exist (the same number on Linux, macOS and Windows).</summary>
    private const int NoSuchFile = 2;

    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(10);

    /// <summary>Runs the child until it exits.</summary>
    public static async Task<ChildExit> RunAsync(
        string command,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string?> environment,
        int tailLines,
        TextWriter output,
        TextWriter error,
        SignalForwarder? forwarder,
        CancellationToken cancellationToken = default,
        Action<int>? started = null,
        Subreaper? reaper = null)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        if (string.IsNullOrWhiteSpace(command))
        {
            throw new ChildStartException(command, "the command's name is empty", notFound: true, inner: null);
        }

        using var process = new Process { StartInfo = start };
        var startedAt = DateTimeOffset.UtcNow;
        using var launch = reaper?.BeginLaunch();
        try
        {
            process.Start();
            launch?.Started(process.Id);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ChildStartException(command, e.Message, e.NativeErrorCode == NoSuchFile, e);
        }

        forwarder?.Attach(process.Id);
        started?.Invoke(process.Id);
        var stdoutTail = new OutputTail(tailLines);
        var stderrTail = new OutputTail(tailLines);
        var pumps = Task.WhenAll(
            PumpAsync(process.StandardOutput, output, stdoutTail),
            PumpAsync(process.StandardError, error, stderrTail));
        var exited = WaitForExitOnOwnThread(process);
        try
        {
            await exited.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up on the run: the child does not outlive it.
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited meanwhile.
            }

            await exited.ConfigureAwait(false);
            forwarder?.Attach(0);
            launch?.Dispose();
            if (reaper is not null)
            {
                await reaper.KillOrphansAsync().ConfigureAwait(false);
            }

            throw;
        }

        var endedAt = DateTimeOffset.UtcNow;
        forwarder?.Attach(0);
        launch?.Dispose();
        if (reaper is not null)
        {
            await reaper.EndLifeAsync().ConfigureAwait(false);
        }

        // A grandchild that inherited the pipes may hold them open; the tails are taken after a bounded wait.
        // Output drained already (the usual case: the pipes close when the child exits) needs no timer.
        if (!pumps.IsCompleted)
        {
            await Task.WhenAny(pumps, Task.Delay(DrainLimit, cancellationToken)).ConfigureAwait(false);
        }

        return new ChildExit(process.Id, process.ExitCode, stdoutTail.ToString(), stderrTail.ToString(), startedAt, endedAt);
    }

    /// <summary>
    /// A task that completes when <paramref name="process"/> has exited, on a thread of its own blocked in
    /// <see cref="Process.WaitForExit()"/> until the runtime has seen the exit, so that what awaits the task
    /// goes on on that thread at once. <see cref="Process.WaitForExitAsync"/> reaches its awaiter only after
    /// three hand-offs between threads (the runtime's wait thread, then the thread pool twice), each a
    /// thread woken while the supervisor's record of the death waits.
    /// </summary>
    private static Task WaitForExitOnOwnThread(Process process)
    {
        // Without RunContinuationsAsynchronously: the awaiter runs on the waiting thread.
        var exited = new TaskCompletionSource();
        var waiter = new Thread(() =>
        {
            try
            {
                process.WaitForExit();
                exited.TrySetResult();
            }
            catch (Exception e)
            {
                exited.TrySetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "panicpath child wait",
        };
        waiter.UnsafeStart();
        return exited.Task;
    }

    /// <summary>
    /// Reads now what the runtime otherwise reads on the thread that sees a child exit, before the exit is
    /// reported: the local time zone (<see cref="Process"/> records its exit time in local time, and the
    /// first look at the zone reads and parses <c>/etc/localtime</c>). Call it while the child runs; it
    /// changes nothing the supervisor reports. Never throws.
    /// </summary>
    public static void PrepareForExit()
    {
        try
        {
            _ = TimeZoneInfo.Local;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or IOException or UnauthorizedAccessException)
        {
            // The runtime falls back to UTC at the exit as it would here.
        }
    }

    /// <summary>The most characters of one line held before they are passed on, the line still going on.</summary>
    private const int MaxHeld = 64 * 1024;

    /// <summary>
    /// Copies the lines of <paramref name="reader"/> to <paramref name="sink"/> as they end (a line ends at
    /// <c>\n</c>, <c>\r\n</c> or <c>\r</c>, as <see cref="StreamReader.ReadLine"/> ends one) and keeps each in
    /// <paramref name="tail"/>. Whatever the app writes, no more than <see cref="MaxHeld"/> characters are held:
    /// a longer line is passed on in pieces as it comes, and only its start is kept for the tail, so that an app
    /// writing without a line break cannot make the supervisor grow until it dies.
    /// </summary>
    private static async Task PumpAsync(StreamReader reader, TextWriter sink, OutputTail tail)
    {
        var buffer = new char[4096];
        var held = new System.Text.StringBuilder();
        string? start = null;
        var afterReturn = false;
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory()).ConfigureAwait(false)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (afterReturn)
                {
                    afterReturn = false;
                    if (c == '\n')
                    {
                        continue;
                    }
                }

                if (c is '\n' or '\r')
                {
                    afterReturn = c == '\r';
                    EndLine();
                    continue;
                }

                held.Append(c);
                if (held.Length >= MaxHeld)
                {
                    start ??= held.ToString(0, OutputTail.MaxLineLength + 1);
                    Write(sink, held.ToString(), ending: false);
                    held.Clear();
                }
            }
        }

        if (held.Length > 0 || start is not null)
        {
            EndLine();
        }

        void EndLine()
        {
            var rest = held.ToString();
            tail.Add(start ?? rest);
            Write(sink, rest, ending: true);
            held.Clear();
            start = null;
        }
    }

    private static void Write(TextWriter sink, string text, bool ending)
    {
        try
        {
            lock (sink)
            {
                if (ending)
                {
                    sink.WriteLine(text);
                }
                else
                {
                    sink.Write(text);
                }

                sink.Flush();
            }
        }
        catch (IOException)
        {
            // The supervisor's own output is gone; the tail is still kept.
        }
    }
}
