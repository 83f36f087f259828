using System.Collections.Concurrent;
using PanicPath.Notifiers;

namespace PanicPath.Tests.Notifiers;

public class BlockingNotifierChainTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Handlers_run_one_after_another_in_priority_then_registration_order()
    {
        var log = new ConcurrentQueue<string>();
        var chain = new BlockingNotifierChain<string>("shutdown");
        chain.Register(Logging(log, "low"), -5);
        chain.Register(Slow(log, "first-zero"), 0);
        chain.Register(Logging(log, "high"), 9);
        chain.Register(Logging(log, "second-zero"), 0);

        var result = await chain.CallAsync("stop");

        Assert.Equal(["high:stop", "first-zero:begin", "first-zero:end", "second-zero:stop", "low:stop"], log);
        Assert.Equal(NotifyResult.Ok, result);
    }

    [Fact]
    public async Task A_stop_result_ends_the_walk_and_max_calls_limits_it()
    {
        var log = new ConcurrentQueue<string>();
        var chain = new BlockingNotifierChain<string>("shutdown");
        chain.Register(Logging(log, "a"), 3);
        chain.Register((e, ct) => ValueTask.FromResult(NotifyResult.Stop), 2, "stopper");
        chain.Register(Logging(log, "never"), 1);

        var stopped = await chain.CallAsync("x", maxCalls: -1);
        var limited = await chain.CallAsync("y", maxCalls: 1);

        Assert.Equal(NotifyResult.Stop, stopped.Result);
        Assert.Equal(2, stopped.Calls);
        Assert.Equal(1, limited.Calls);
        Assert.Equal(["a:x", "a:y"], log);
    }

    [Fact]
    public async Task The_same_handler_twice_and_a_taken_unique_priority_are_refused()
    {
        var chain = new BlockingNotifierChain<string>("shutdown");
        BlockingNotifierHandler<string> handler = (e, ct) => ValueTask.FromResult(NotifyResult.Ok);
        chain.Register(handler, 1, "one");

        Assert.Throws<InvalidOperationException>(() => chain.Register(handler, 2));
        Assert.Throws<InvalidOperationException>(
            () => chain.RegisterUniquePriority((e, ct) => ValueTask.FromResult(NotifyResult.Ok), 1));
        Assert.Single(chain.Registrations);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_throwing_handler_counts_as_bad_is_observed_and_the_walk_goes_on()
    {
        var log = new ConcurrentQueue<string>();
        var faults = new ConcurrentQueue<NotifierFault>();
        var chain = new BlockingNotifierChain<string>("shutdown", new NotifierChainOptions { FaultObserver = faults.Enqueue });
        chain.Register(async (e, ct) =>
        {
            await Task.Yield();
            throw new IOException("disk gone");
        }, 2, "flush");
        chain.Register(Logging(log, "close"), 1);

        var summary = await chain.CallAsync("stop", maxCalls: -1);

        Assert.Equal(["close:stop"], log);
        Assert.Equal(1, summary.Faults);
        Assert.Equal("flush", Assert.Single(faults).Name);
        Assert.IsType<IOException>(summary.FirstFault?.Exception);
    }

    [Fact]
    public async Task With_stop_on_fault_a_throwing_handler_ends_the_walk_with_bad()
    {
        var log = new ConcurrentQueue<string>();
        var chain = new BlockingNotifierChain<string>("shutdown", new NotifierChainOptions { StopOnFault = true });
        chain.Register((e, ct) => throw new IOException(), 2);
        chain.Register(Logging(log, "never"), 1);

        var summary = await chain.CallAsync("stop", maxCalls: -1);

        Assert.Empty(log);
        Assert.Equal(NotifyResult.Bad, summary.Result);
    }

    [Fact]
    public async Task Cancellation_stops_the_walk_before_the_next_handler_and_throws()
    {
        var log = new ConcurrentQueue<string>();
        using var cancel = new CancellationTokenSource();
        var chain = new BlockingNotifierChain<string>("shutdown");
        chain.Register((e, ct) =>
        {
            cancel.Cancel();
            return ValueTask.FromResult(NotifyResult.Ok);
        }, 2);
        chain.Register(Logging(log, "never"), 1);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await chain.CallAsync("stop", cancel.Token));
        Assert.Empty(log);
    }

    [Fact]
    public async Task Unregistration_waits_for_a_call_in_flight()
    {
        var chain = new BlockingNotifierChain<string>("shutdown");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (registration, call) = await StartStuckCall(chain, release.Task);

        var unregister = registration.DisposeAsync().AsTask();
        var finishedWhileHeld = await Task.WhenAny(unregister, Task.Delay(300)) == unregister;
        release.SetResult();

        Assert.False(finishedWhileHeld);
        await unregister.WaitAsync(Patience);
        await call.WaitAsync(Patience);
        Assert.False(registration.IsRegistered);
    }

    [Fact]
    public async Task A_bounded_unregistration_reports_a_timeout()
    {
        var chain = new BlockingNotifierChain<string>("shutdown");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (registration, call) = await StartStuckCall(chain, release.Task);

        var completed = await registration.UnregisterAsync(TimeSpan.FromMilliseconds(50));
        release.SetResult();
        await call.WaitAsync(Patience);

        Assert.False(completed);
        Assert.True(await registration.UnregisterAsync(Patience));
    }

    [Fact]
    public async Task A_handler_may_unregister_itself_without_deadlock()
    {
        var chain = new BlockingNotifierChain<string>("shutdown");
        var calls = 0;
        BlockingNotifierRegistration<string>? self = null;
        self = chain.Register(async (e, ct) =>
        {
            calls++;
            await self!.DisposeAsync();
            return NotifyResult.Ok;
        });

        await chain.CallAsync("one").AsTask().WaitAsync(Patience);
        await chain.CallAsync("two").AsTask().WaitAsync(Patience);

        Assert.Equal(1, calls);
        Assert.Empty(chain.Registrations);
    }

    [Fact]
    public async Task Unregistration_waits_for_calls_begun_before_it_and_not_for_calls_begun_after()
    {
        var chain = new BlockingNotifierChain<string>("shutdown");
        var releaseLater = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var laterStuck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        chain.Register(async (e, ct) =>
        {
            if (e == "later")
            {
                laterStuck.TrySetResult();
                await releaseLater.Task;
            }

            return NotifyResult.Ok;
        }, -1);
        var releaseEarlier = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (_, earlier) = await StartStuckCall(chain, releaseEarlier.Task);
        var gone = chain.Register((e, ct) => ValueTask.FromResult(NotifyResult.Ok), 5);

        var unregister = gone.DisposeAsync().AsTask();
        var later = chain.CallAsync("later").AsTask();
        var finishedWhileEarlierRan = await Task.WhenAny(unregister, Task.Delay(200)) == unregister;
        releaseEarlier.SetResult();
        await earlier.WaitAsync(Patience);
        await laterStuck.Task.WaitAsync(Patience);
        await unregister.WaitAsync(Patience);
        var laterStillRunning = !later.IsCompleted;
        releaseLater.SetResult();
        await later.WaitAsync(Patience);

        Assert.False(finishedWhileEarlierRan);
        Assert.True(laterStillRunning);
    }

    private static async Task<(BlockingNotifierRegistration<string> Registration, Task Call)> StartStuckCall(
        BlockingNotifierChain<string> chain, Task release)
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = chain.Register(async (e, ct) =>
        {
            entered.TrySetResult();
            await release;
            return NotifyResult.Ok;
        });
        var call = chain.CallAsync("stop").AsTask();
        await entered.Task.WaitAsync(Patience);
        return (registration, call);
    }

    private static BlockingNotifierHandler<string> Logging(ConcurrentQueue<string> log, string name) =>
        (e, ct) =>
        {
            log.Enqueue($"{name}:{e}");
            return ValueTask.FromResult(NotifyResult.Ok);
        };

    private static BlockingNotifierHandler<string> Slow(ConcurrentQueue<string> log, string name) =>
        async (e, ct) =>
        {
            log.Enqueue($"{name}:begin");
            await Task.Delay(20, ct);
            log.Enqueue($"{name}:end");
            return NotifyResult.Ok;
        };
}
