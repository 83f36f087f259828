using System.Globalization;

namespace PanicPath.Supervisor.Channel;

/// <summary>
/// Writes the channel's rejections to the supervisor's error writer without flooding it: the first
/// <c>detailed</c> rejections one line each, then a count by reason at most once per
/// <c>summaryInterval</c>, and whatever is left when <see cref="Flush"/> runs (at close). Thread-safe.
/// </summary>
internal sealed class RejectionLog(TextWriter error, int detailed = 10, TimeSpan? summaryInterval = null)
{
    private readonly TimeSpan every = summaryInterval ?? TimeSpan.FromSeconds(5);
    private readonly Dictionary<string, int> pending = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private long total;
    private int pendingCount;
    private long lastSummary = Environment.TickCount64;

    /// <summary>Rejections seen so far.</summary>
    internal long Total => Interlocked.Read(ref total);

    /// <summary>Records one rejection: <paramref name="reason"/> groups it in summaries, <paramref name="detail"/> says what came.</summary>
    internal void Reject(string reason, string detail)
    {
        lock (gate)
        {
            var n = Interlocked.Increment(ref total);
            if (n <= detailed)
            {
                Write($"panicpath: channel: rejected: {reason}: {detail}");
                if (n == detailed)
                {
                    Write("panicpath: channel: further rejections are counted and summarised");
                }

                return;
            }

            pending[reason] = pending.GetValueOrDefault(reason) + 1;
            pendingCount++;
            if (Environment.TickCount64 - lastSummary >= every.TotalMilliseconds)
            {
                FlushLocked();
            }
        }
    }

    /// <summary>Writes one line about the channel that is not a rejection (not counted).</summary>
    internal void Note(string line) => Write($"panicpath: channel: {line}");

    /// <summary>Writes the summary of rejections not yet written.</summary>
    internal void Flush()
    {
        lock (gate)
        {
            FlushLocked();
        }
    }

    private void FlushLocked()
    {
        lastSummary = Environment.TickCount64;
        if (pendingCount == 0)
        {
            return;
        }

        var reasons = string.Join(", ", pending.OrderByDescending(p => p.Value).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Value} {p.Key}")));
        Write(string.Create(CultureInfo.InvariantCulture, $"panicpath: channel: rejected {pendingCount} more message(s): {reasons} ({Total} in all)"));
        pending.Clear();
        pendingCount = 0;
    }

    private void Write(string line)
    {
        try
        {
            lock (error)
            {
                error.WriteLine(line);
                error.Flush();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The supervisor's own error stream is gone; the count is still kept.
        }
    }
}
