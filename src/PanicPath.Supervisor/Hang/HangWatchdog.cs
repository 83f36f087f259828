using System.Diagnostics;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using PanicPath.Supervisor.Channel;
using PanicPath.Supervisor.Launch;

namespace PanicPath.Supervisor.Hang;

/// <summary>
/// The supervisor's hang watchdog for one life. Its timer starts at the child's first heartbeat: a
/// child that never beats is never judged hung. Once no heartbeat has come for the timeout, it asks the
/// child's runtime for a dump (<c>DiagnosticsClient.WriteDump</c>, of the run's dump type, at the path
/// where the runtime's own dump of that pid would go), then kills the child's process tree with SIGKILL
/// — with a <see cref="Subreaper"/>, the orphans of the app in the supervisor's tree too — and answers
/// a <see cref="HangVerdict"/>. Cancelled, or the child already dead when the timeout came (its life
/// still ending): answers null.
/// </summary>
public static class HangWatchdog
{
    private static readonly TimeSpan DumpLimit = TimeSpan.FromSeconds(60);

    /// <summary>The heartbeat interval the child is told: a quarter of the timeout, at least 1 ms.</summary>
    public static TimeSpan IntervalFor(TimeSpan timeout) => TimeSpan.FromMilliseconds(Math.Max(1, Math.Floor(timeout.TotalMilliseconds / 4)));

    /// <summary>Watches <paramref name="life"/> of process <paramref name="pid"/> until it hangs or <paramref name="cancellationToken"/> is cancelled.</summary>
    public static async Task<HangVerdict?> WatchAsync(ChannelLife life, int pid, TimeSpan timeout, CrashCaptureSettings capture, TextWriter error, CancellationToken cancellationToken, Subreaper? reaper = null)
    {
        ArgumentNullException.ThrowIfNull(life);
        ArgumentNullException.ThrowIfNull(capture);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            await life.FirstHeartbeat.WaitAsync(cancellationToken).ConfigureAwait(false);
            while (life.SinceLastHeartbeat is var since && since < timeout)
            {
                await Task.Delay(timeout - since, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        if (!ProcessTree.IsRunning(pid))
        {
            // The child died and its life is ending (orphans getting their grace, output draining): no hang.
            return null;
        }

        await Note(error, string.Create(CultureInfo.InvariantCulture, $"panicpath: no heartbeat from pid {pid} for {timeout.TotalSeconds:0.###} s: hang; taking a dump and killing it")).ConfigureAwait(false);
        var dump = await TryDumpAsync(pid, capture, error).ConfigureAwait(false);
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // It died meanwhile.
        }

        if (reaper is not null && await reaper.KillOrphansAsync().ConfigureAwait(false) is var orphans and > 0)
        {
            await Note(error, string.Create(CultureInfo.InvariantCulture, $"panicpath: hang: killed {orphans} orphaned process(es) of the app")).ConfigureAwait(false);
        }

        return new HangVerdict(timeout, dump);
    }

    private static async Task<string?> TryDumpAsync(int pid, CrashCaptureSettings capture, TextWriter error)
    {
        var path = capture.DumpPath(pid);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var limit = new CancellationTokenSource(DumpLimit);
            await new DiagnosticsClient(pid).WriteDumpAsync((DumpType)capture.DumpType, path, logDumpGeneration: false, limit.Token).ConfigureAwait(false);
            return File.Exists(path) ? path : null;
        }
        catch (Exception e) when (e is ServerNotAvailableException or ServerErrorException or IOException or UnauthorizedAccessException or OperationCanceledException or TimeoutException or UnsupportedCommandException or PlatformNotSupportedException)
        {
            await Note(error, $"panicpath: hang dump of pid {pid} failed: {e.Message}").ConfigureAwait(false);
            return null;
        }
    }

    private static Task Note(TextWriter error, string line)
    {
        try
        {
            // The child's output is copied to the same writer under this lock.
            lock (error)
            {
                error.WriteLine(line);
                error.Flush();
            }
        }
        catch (IOException)
        {
            // The supervisor's error stream is gone.
        }

        return Task.CompletedTask;
    }
}
