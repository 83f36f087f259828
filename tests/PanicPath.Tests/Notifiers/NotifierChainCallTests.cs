using PanicPath.Notifiers;

namespace PanicPath.Tests.Notifiers;

public class NotifierChainCallTests
{
    [Fact]
    public void An_empty_chain_answers_done_with_no_calls()
    {
        var chain = new NotifierChain<int>("panic");

        var summary = chain.Call(1, maxCalls: -1);

        Assert.Equal(NotifyResult.Done, summary.Result);
        Assert.Equal(0, summary.Calls);
    }

    [Fact]
    public void The_last_handlers_result_is_answered()
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("panic");
        chain.Register(recorder.Handler("a", NotifyResult.Ok), 2);
        chain.Register(recorder.Handler("b", NotifyResult.Done), 1);

        Assert.Equal(NotifyResult.Done, chain.Call(7));
    }

    [Theory]
    [InlineData(NotifyResult.Stop)]
    [InlineData(NotifyResult.Bad)]
    [InlineData(NotifyResult.StopMask)]
    public void A_result_with_the_stop_bit_ends_the_walk_and_is_answered(NotifyResult stopping)
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("panic");
        chain.Register(recorder.Handler("a"), 3);
        chain.Register(recorder.Handler("stopper", stopping), 2);
        chain.Register(recorder.Handler("never"), 1);

        var summary = chain.Call(1, maxCalls: -1);

        Assert.Equal(["a", "stopper"], recorder.Calls);
        Assert.Equal(stopping, summary.Result);
        Assert.Equal(2, summary.Calls);
        Assert.True(summary.Stopped);
    }

    [Fact]
    public void A_result_without_the_stop_bit_lets_the_walk_go_on()
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("panic");
        chain.Register(recorder.Handler("a", NotifyResult.Bad & ~NotifyResult.StopMask), 2);
        chain.Register(recorder.Handler("b"), 1);

        chain.Call(1);

        Assert.Equal(["a", "b"], recorder.Calls);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(10, 3)]
    [InlineData(-1, 3)]
    public void Max_calls_limits_the_walk_and_the_summary_counts_the_calls(int maxCalls, int expected)
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("panic");
        chain.Register(recorder.Handler("a"), 3);
        chain.Register(recorder.Handler("b"), 2);
        chain.Register(recorder.Handler("c"), 1);

        var summary = chain.Call(1, maxCalls);

        Assert.Equal(expected, summary.Calls);
        Assert.Equal(expected, recorder.Calls.Count);
        Assert.Equal(expected == 0 ? NotifyResult.Done : NotifyResult.Ok, summary.Result);
    }

    [Fact]
    public void Every_handler_sees_the_event()
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("panic");
        chain.Register(recorder.Echo("a"), 2);
        chain.Register(recorder.Echo("b"), 1);

        chain.Call(42);

        Assert.Equal(["a:42", "b:42"], recorder.Calls);
    }

    [Fact]
    public void A_call_allocates_nothing()
    {
        var chain = new NotifierChain<int>("panic");
        for (var i = 0; i < 8; i++)
        {
            chain.Register(Handlers.NoOp(), i);
        }

        chain.Call(0);
        chain.Call(0, maxCalls: 4);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            chain.Call(i);
            chain.Call(i, maxCalls: 4);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_custom_invoker_calls_each_handler_in_order_and_the_walk_keeps_the_stop_rule()
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("panic");
        chain.Register(recorder.Handler("a"), 3, "a");
        chain.Register(recorder.Handler("b", NotifyResult.Stop), 2, "b");
        chain.Register(recorder.Handler("c"), 1, "c");
        var invoker = new NamingInvoker();

        var summary = chain.Call(5, ref invoker);

        Assert.Equal(["a", "b"], invoker.Seen);
        Assert.Equal(["a", "b"], recorder.Calls);
        Assert.Equal(NotifyResult.Stop, summary.Result);
        Assert.Equal(2, summary.Calls);
    }

    [Fact]
    public void A_custom_invoker_respects_max_calls()
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("panic");
        chain.Register(recorder.Handler("a"), 3, "a");
        chain.Register(recorder.Handler("b"), 2, "b");
        var invoker = new NamingInvoker();

        var summary = chain.Call(5, ref invoker, maxCalls: 1);

        Assert.Equal(["a"], invoker.Seen);
        Assert.Equal(1, summary.Calls);
    }

    private struct NamingInvoker : INotifierInvoker<int>
    {
        public NamingInvoker()
        {
        }

        public List<string> Seen { get; } = [];

        public readonly NotifyResult Invoke(NotifierRegistration<int> registration, in int e)
        {
            Seen.Add(registration.Name);
            return registration.Handler(in e);
        }
    }
}
