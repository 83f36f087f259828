using System.Collections.Concurrent;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.LastWords;
using PanicPath.Supervisor.Restart;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.LastWords;

public sealed class DeathSinkTests
{
    [Fact]
    public async Task Sinks_hear_each_start_and_each_stored_death_in_order_sink_by_sink()
    {
        using var temp = new TempDirectory();
        using var store = SqliteDeathStore.Open(temp.Sub("data"));
        var events = new ConcurrentQueue<string>();
        var options = Crasher.Options(temp, "exit3", new RestartSchedule(RestartPolicy.Always, 1, TimeSpan.Zero, TimeSpan.Zero), store);
        var result = await new ProcessSupervisor(WithSinks(options, new RecordingSink("a", events), new RecordingSink("b", events))).RunAsync();

        Assert.Equal(2, result.Deaths.Count);
        var (first, second) = (result.Deaths[0], result.Deaths[1]);
        Assert.True(first.Id > 0 && second.Id > 0);
        Assert.Equal(
            [
                $"a started 0 {first.Pid}", $"b started 0 {first.Pid}", $"a died {first.Id} {first.Cause}", $"b died {first.Id} {first.Cause}",
                $"a started 1 {second.Pid}", $"b started 1 {second.Pid}", $"a died {second.Id} {second.Cause}", $"b died {second.Id} {second.Cause}",
            ],
            events.ToArray());
    }

    [Fact]
    public async Task A_sink_that_throws_is_reported_and_neither_the_next_sink_nor_the_exit_code_is_affected()
    {
        using var temp = new TempDirectory();
        var events = new ConcurrentQueue<string>();
        using var error = new StringWriter();
        var options = WithSinks(Crasher.Options(temp, "exit3", error: error), new ThrowingSink(), new RecordingSink("next", events));

        var result = await new ProcessSupervisor(options).RunAsync();

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("panicpath: throwing sink: InvalidOperationException: sink broke at death", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("panicpath: throwing sink: InvalidOperationException: sink broke at start", error.ToString(), StringComparison.Ordinal);
        Assert.Contains($"next died 0 {DeathCause.ExitCode}", events);
    }

    [Fact]
    public async Task A_sink_that_never_answers_is_left_behind_after_its_timeout_and_the_run_ends()
    {
        using var temp = new TempDirectory();
        var events = new ConcurrentQueue<string>();
        using var error = new StringWriter();
        var options = WithSinks(Crasher.Options(temp, "exit3", error: error), new SilentSink(), new RecordingSink("next", events));

        var result = await new ProcessSupervisor(options).RunAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("panicpath: silent sink: no answer within 0.5 s; going on", error.ToString(), StringComparison.Ordinal);
        Assert.Contains($"next died 0 {DeathCause.ExitCode}", events);
    }

    private static SupervisorOptions WithSinks(SupervisorOptions options, params IDeathSink[] sinks) =>
        options with { DeathSinks = sinks, DeathSinkTimeout = TimeSpan.FromMilliseconds(500) };

    private sealed class RecordingSink(string name, ConcurrentQueue<string> events) : IDeathSink
    {
        public string Name => name;

        public Task ChildStartedAsync(ChildStart start, CancellationToken cancellationToken)
        {
            events.Enqueue($"{name} started {start.Attempt} {start.Pid}");
            return Task.CompletedTask;
        }

        public Task DeathStoredAsync(DeathRecord death, CancellationToken cancellationToken)
        {
            events.Enqueue($"{name} died {death.Id} {death.Cause}");
            return Task.CompletedTask;
        }
    }

    private sealed class ThrowingSink : IDeathSink
    {
        public string Name => "throwing sink";

        public Task ChildStartedAsync(ChildStart start, CancellationToken cancellationToken) => throw new InvalidOperationException("sink broke at start");

        public Task DeathStoredAsync(DeathRecord death, CancellationToken cancellationToken) => throw new InvalidOperationException("sink broke at death");
    }

    /// <summary>Never completes and ignores its token.</summary>
    private sealed class SilentSink : IDeathSink
    {
        private readonly TaskCompletionSource never = new();

        public string Name => "silent sink";

        public Task DeathStoredAsync(DeathRecord death, CancellationToken cancellationToken) => never.Task;
    }
}
