using PanicPath.Notifiers;

namespace PanicPath.Tests.Notifiers;

public class NotifierChainUnregisterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_disposed_registration_is_no_longer_called()
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("panic");
        var gone = chain.Register(recorder.Handler("gone"), 2);
        chain.Register(recorder.Handler("kept"), 1);

        gone.Dispose();
        chain.Call(1);

        Assert.Equal(["kept"], recorder.Calls);
        Assert.False(gone.IsRegistered);
        Assert.Equal(1, chain.Count);
    }

    [Fact]
    public void Disposing_twice_is_harmless()
    {
        var chain = new NotifierChain<int>("panic");
        var registration = chain.Register(Handlers.NoOp());

        registration.Dispose();
        registration.Dispose();

        Assert.True(registration.Unregister(TimeSpan.Zero));
        Assert.Equal(0, chain.Count);
    }

    [Fact]
    public async Task Unregistration_waits_for_a_call_in_flight_on_another_thread()
    {
        var chain = new NotifierChain<int>("panic");
        using var stuck = StuckCall.Start(chain);

        var unregister = Task.Factory.StartNew(stuck.Registration.Dispose, TaskCreationOptions.LongRunning);
        var finishedWhileHeld = await Within(unregister, TimeSpan.FromMilliseconds(300));
        await stuck.ReleaseAsync();

        Assert.False(finishedWhileHeld);
        await unregister.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_bounded_unregistration_gives_up_on_a_stuck_call_and_says_so()
    {
        var chain = new NotifierChain<int>("panic");
        using var stuck = StuckCall.Start(chain);

        var completed = stuck.Registration.Unregister(TimeSpan.FromMilliseconds(50));
        await stuck.ReleaseAsync();

        Assert.False(completed);
        Assert.False(stuck.Registration.IsRegistered);
        Assert.Equal(0, chain.Count);
        Assert.True(stuck.Registration.Unregister(Patience));
    }

    [Fact]
    public async Task A_handler_may_unregister_itself_without_deadlock_and_the_grace_period_stays_pending()
    {
        var chain = new NotifierChain<int>("panic");
        var calls = 0;
        bool? completedInside = null;
        NotifierRegistration<int>? self = null;
        self = chain.Register((in int e) =>
        {
            calls++;
            completedInside = self!.Unregister(Timeout.InfiniteTimeSpan);
            return NotifyResult.Ok;
        });

        await Task.Run(() => chain.Call(1)).WaitAsync(Patience);
        chain.Call(2);

        Assert.Equal(1, calls);
        Assert.False(completedInside);
        Assert.False(self.IsRegistered);
        Assert.True(self.Unregister(Patience));
    }

    [Fact]
    public async Task A_handler_may_unregister_a_later_handler_and_later_walks_skip_it()
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("panic");
        var later = chain.Register(recorder.Handler("later"), 1);
        chain.Register(
            (in int e) =>
            {
                later.Dispose();
                return NotifyResult.Ok;
            },
            2);

        await Task.Run(() => chain.Call(1)).WaitAsync(Patience);
        chain.Call(2);

        // The walk that unregistered it had already loaded its snapshot: the documented deferral.
        Assert.Equal(["later"], recorder.Calls);
    }

    [Fact]
    public async Task A_walk_of_another_chain_inside_a_handler_is_a_nested_section()
    {
        var inner = new NotifierChain<int>("die");
        var innerRegistration = inner.Register(Handlers.NoOp());
        var outer = new NotifierChain<int>("panic");
        var insideAfterInnerWalk = false;
        outer.Register((in int e) =>
        {
            inner.Call(e);
            insideAfterInnerWalk = ReadSide.InsideSection;
            innerRegistration.Dispose();
            return NotifyResult.Ok;
        });

        await Task.Run(() => outer.Call(1)).WaitAsync(Patience);

        Assert.True(insideAfterInnerWalk);
        Assert.False(ReadSide.InsideSection);
        Assert.Equal(0, inner.Count);
        Assert.True(innerRegistration.Unregister(Patience));
    }

    [Fact]
    public async Task Threads_past_the_slot_table_are_waited_for_too()
    {
        // Managed thread ids are handed out smallest-free-first: hold enough threads alive that some
        // get ids past the read-side slot table and take the shared-counter path.
        const int Threads = 1100;
        var chain = new NotifierChain<int>("panic");
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        using var holdAll = new ManualResetEventSlim();
        var registration = chain.Register((in int e) =>
        {
            entered.Set();
            release.Wait();
            return NotifyResult.Ok;
        });
        var walkerStarted = 0;
        var threads = new List<Thread>();
        for (var i = 0; i < Threads; i++)
        {
            var thread = new Thread(() =>
            {
                if (Environment.CurrentManagedThreadId >= 1024 && Interlocked.Exchange(ref walkerStarted, 1) == 0)
                {
                    chain.Call(1);
                }

                holdAll.Wait();
            }, maxStackSize: 64 * 1024);
            threads.Add(thread);
            thread.Start();
            if (Volatile.Read(ref walkerStarted) == 1)
            {
                break;
            }
        }

        try
        {
            Assert.True(entered.Wait(Patience), "no thread got an id past the slot table");
            var unregister = Task.Factory.StartNew(registration.Dispose, TaskCreationOptions.LongRunning);
            var finishedWhileHeld = await Within(unregister, TimeSpan.FromMilliseconds(300));
            release.Set();

            Assert.False(finishedWhileHeld);
            await unregister.WaitAsync(Patience);
        }
        finally
        {
            release.Set();
            holdAll.Set();
            foreach (var thread in threads)
            {
                thread.Join();
            }
        }
    }

    private static async Task<bool> Within(Task task, TimeSpan span) => await Task.WhenAny(task, Task.Delay(span)) == task;
}
