using PanicPath.Notifiers;

namespace PanicPath.Tests.Notifiers;

public class NotifierChainFaultTests
{
    [Fact]
    public void A_throwing_handler_counts_as_bad_and_the_walk_goes_on()
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("panic");
        chain.Register(recorder.Handler("a"), 3);
        chain.Register(recorder.Throwing("boom", new InvalidOperationException("broken")), 2, "boom");
        chain.Register(recorder.Handler("after", NotifyResult.Done), 1);

        var summary = chain.Call(1, maxCalls: -1);

        Assert.Equal(["a", "boom", "after"], recorder.Calls);
        Assert.Equal(NotifyResult.Done, summary.Result);
        Assert.Equal(3, summary.Calls);
        Assert.Equal(1, summary.Faults);
        Assert.Equal("boom", summary.FirstFault?.Name);
        Assert.IsType<InvalidOperationException>(summary.FirstFault?.Exception);
    }

    [Fact]
    public void A_throwing_last_handler_leaves_bad_as_the_result()
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("panic");
        chain.Register(recorder.Handler("a"), 2);
        chain.Register(recorder.Throwing("boom", new InvalidOperationException()), 1);

        Assert.Equal(NotifyResult.Bad, chain.Call(1));
    }

    [Fact]
    public void Every_fault_reaches_the_observer_and_the_summary_counts_them()
    {
        var recorder = new Recorder();
        var observed = new List<NotifierFault>();
        var chain = new NotifierChain<int>("panic", new NotifierChainOptions { FaultObserver = observed.Add });
        chain.Register(recorder.Throwing("one", new ArgumentException("1")), 3, "one");
        chain.Register(recorder.Handler("ok"), 2, "ok");
        chain.Register(recorder.Throwing("two", new FormatException("2")), 1, "two");

        var summary = chain.Call(1, maxCalls: -1);

        Assert.Equal(["one", "two"], observed.Select(f => f.Name));
        Assert.Equal([3, 1], observed.Select(f => f.Priority));
        Assert.Equal(2, summary.Faults);
        Assert.Equal("one", summary.FirstFault?.Name);
        Assert.Equal(3, summary.Calls);
    }

    [Fact]
    public void With_stop_on_fault_a_throwing_handler_ends_the_walk()
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("panic", new NotifierChainOptions { StopOnFault = true });
        chain.Register(recorder.Throwing("boom", new InvalidOperationException()), 2);
        chain.Register(recorder.Handler("never"), 1);

        var summary = chain.Call(1, maxCalls: -1);

        Assert.Equal(["boom"], recorder.Calls);
        Assert.Equal(NotifyResult.Bad, summary.Result);
        Assert.True(summary.Stopped);
        Assert.Equal(1, summary.Calls);
    }

    [Fact]
    public void An_observer_that_throws_does_not_break_the_walk()
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("panic", new NotifierChainOptions { FaultObserver = _ => throw new InvalidOperationException() });
        chain.Register(recorder.Throwing("boom", new InvalidOperationException()), 2);
        chain.Register(recorder.Handler("after"), 1);

        var summary = chain.Call(1, maxCalls: -1);

        Assert.Equal(["boom", "after"], recorder.Calls);
        Assert.Equal(1, summary.Faults);
    }

    [Fact]
    public void A_fault_does_not_lift_the_call_limit()
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("panic");
        chain.Register(recorder.Throwing("boom", new InvalidOperationException()), 3);
        chain.Register(recorder.Handler("b"), 2);
        chain.Register(recorder.Handler("c"), 1);

        var summary = chain.Call(1, maxCalls: 2);

        Assert.Equal(["boom", "b"], recorder.Calls);
        Assert.Equal(2, summary.Calls);
    }

    [Fact]
    public void A_stop_after_a_fault_still_ends_the_walk()
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("panic");
        chain.Register(recorder.Throwing("boom", new InvalidOperationException()), 3);
        chain.Register(recorder.Handler("stopper", NotifyResult.Stop), 2);
        chain.Register(recorder.Handler("never"), 1);

        var summary = chain.Call(1, maxCalls: -1);

        Assert.Equal(["boom", "stopper"], recorder.Calls);
        Assert.Equal(NotifyResult.Stop, summary.Result);
    }

    [Fact]
    public void Exceptions_escaping_a_custom_invoker_escape_the_call_and_the_read_section_closes()
    {
        var chain = new NotifierChain<int>("panic");
        chain.Register(Handlers.NoOp());
        var invoker = new ThrowingInvoker();

        Assert.Throws<TimeoutException>(() => chain.Call(1, ref invoker));
        Assert.False(ReadSide.InsideSection);
    }

    private struct ThrowingInvoker : INotifierInvoker<int>
    {
        public readonly NotifyResult Invoke(NotifierRegistration<int> registration, in int e) => throw new TimeoutException();
    }
}
