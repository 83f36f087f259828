using PanicPath.Supervisor.Channel;

namespace PanicPath.Supervisor.Tests.Channel;

public sealed class RejectionLogTests
{
    [Fact]
    public void The_first_rejections_are_written_one_by_one_and_the_rest_summarised_by_reason()
    {
        using var error = new StringWriter();
        var log = new RejectionLog(error, detailed: 3, summaryInterval: TimeSpan.FromDays(1));

        for (var i = 0; i < 10_000; i++)
        {
            log.Reject(i % 3 == 0 ? "bad magic" : "oversized", $"message {i}");
        }

        log.Flush();

        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(
        [
            "panicpath: channel: rejected: bad magic: message 0",
            "panicpath: channel: rejected: oversized: message 1",
            "panicpath: channel: rejected: oversized: message 2",
            "panicpath: channel: further rejections are counted and summarised",
            "panicpath: channel: rejected 9997 more message(s): 6664 oversized, 3333 bad magic (10000 in all)",
        ], lines);
        Assert.Equal(10_000, log.Total);
    }

    [Fact]
    public void A_summary_is_written_while_rejections_keep_coming_once_the_interval_has_passed()
    {
        using var error = new StringWriter();
        var log = new RejectionLog(error, detailed: 0, summaryInterval: TimeSpan.Zero);

        log.Reject("bad magic", "first");
        log.Reject("bad magic", "second");

        Assert.Equal(2, error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("rejected 1 more message(s): 1 bad magic")));
    }
}
