using PanicPath.Notifiers;

namespace PanicPath.Tests.Notifiers;

public class NotifierChainOrderTests
{
    [Fact]
    public void Higher_priority_runs_first()
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("panic");
        chain.Register(recorder.Handler("low"), priority: int.MinValue + 1);
        chain.Register(recorder.Handler("high"), priority: int.MaxValue);
        chain.Register(recorder.Handler("middle"), priority: 0);

        chain.Call(1);

        Assert.Equal(["high", "middle", "low"], recorder.Calls);
    }

    [Fact]
    public void Equal_priorities_run_in_registration_order()
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("panic");
        chain.Register(recorder.Handler("first"), priority: 5);
        chain.Register(recorder.Handler("above"), priority: 6);
        chain.Register(recorder.Handler("second"), priority: 5);
        chain.Register(recorder.Handler("third"), priority: 5);

        chain.Call(1);

        Assert.Equal(["above", "first", "second", "third"], recorder.Calls);
    }

    [Fact]
    public void Seed_priorities_put_the_framebuffer_flush_before_the_channel_unload()
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("panic_notifier_list");
        chain.Register(recorder.Handler("vmbus_unload"), priority: int.MinValue + 1);
        chain.Register(recorder.Handler("hvfb_on_panic"), priority: int.MinValue + 10);
        chain.Register(recorder.Handler("report"));

        chain.Call(1);

        Assert.Equal(["report", "hvfb_on_panic", "vmbus_unload"], recorder.Calls);
    }

    [Fact]
    public void Registering_the_same_handler_instance_twice_is_refused_with_both_names()
    {
        var chain = new NotifierChain<int>("panic");
        NotifierHandler<int> handler = (in int e) => NotifyResult.Ok;
        chain.Register(handler, priority: 1, name: "first");

        var error = Assert.Throws<InvalidOperationException>(() => chain.Register(handler, priority: 2, name: "again"));

        Assert.Contains("'again'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'first'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'panic'", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, chain.Count);
    }

    [Fact]
    public void The_same_handler_may_serve_two_chains()
    {
        NotifierHandler<int> handler = (in int e) => NotifyResult.Ok;
        var die = new NotifierChain<int>("die");
        var panic = new NotifierChain<int>("panic");

        die.Register(handler);
        panic.Register(handler);

        Assert.Equal(1, die.Count);
        Assert.Equal(1, panic.Count);
    }

    [Fact]
    public void A_handler_may_be_registered_again_after_its_registration_is_disposed()
    {
        var chain = new NotifierChain<int>("panic");
        NotifierHandler<int> handler = (in int e) => NotifyResult.Ok;
        chain.Register(handler).Dispose();

        var again = chain.Register(handler);

        Assert.True(again.IsRegistered);
        Assert.Equal(1, chain.Count);
    }

    [Fact]
    public void Unique_priority_registration_refuses_a_taken_priority()
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("reboot");
        chain.Register(recorder.Handler("owner"), priority: 10, name: "owner");

        var error = Assert.Throws<InvalidOperationException>(
            () => chain.RegisterUniquePriority(recorder.Handler("late"), priority: 10, name: "late"));

        Assert.Contains("Priority 10", error.Message, StringComparison.Ordinal);
        Assert.Contains("'owner'", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, chain.Count);
    }

    [Fact]
    public void Unique_priority_registration_takes_a_free_priority_in_order()
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("reboot");
        chain.Register(recorder.Handler("ten"), priority: 10);
        chain.RegisterUniquePriority(recorder.Handler("eleven"), priority: 11);

        chain.Call(0);

        Assert.Equal(["eleven", "ten"], recorder.Calls);
    }

    [Fact]
    public void Registrations_list_the_chain_in_call_order_with_names_and_priorities()
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("panic");
        chain.Register(recorder.Handler("a"), 1, "a");
        chain.Register(recorder.Handler("b"), 3, "b");

        Assert.Equal(["b (priority 3)", "a (priority 1)"], chain.Registrations.Select(r => r.ToString()));
    }

    [Fact]
    public void A_registration_without_a_name_is_named_after_its_handler_method()
    {
        var chain = new NotifierChain<int>("panic");

        var registration = chain.Register(Named);

        Assert.Equal($"{nameof(NotifierChainOrderTests)}.{nameof(Named)}", registration.Name);
    }

    private static NotifyResult Named(in int e) => NotifyResult.Done;
}
