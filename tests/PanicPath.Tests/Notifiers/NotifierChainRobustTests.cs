using PanicPath.Notifiers;

namespace PanicPath.Tests.Notifiers;

public class NotifierChainRobustTests
{
    private const int Up = 1;
    private const int Down = -1;

    [Fact]
    public void When_a_handler_vetoes_the_handlers_before_it_are_called_down_in_reverse()
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("reboot");
        chain.Register(recorder.Echo("a"), 4);
        chain.Register(recorder.Echo("b"), 3);
        chain.Register(Veto(recorder, "veto"), 2);
        chain.Register(recorder.Echo("never"), 1);

        var summary = chain.CallRobust(Up, Down);

        Assert.Equal(["a:1", "b:1", "veto:1", "b:-1", "a:-1"], recorder.Calls);
        Assert.Equal(-16, NotifyErrno.ToErrno(summary.Result));
        Assert.Equal(3, summary.Calls);
    }

    [Fact]
    public void Chain_order_rollback_walks_from_the_head_as_the_kernel_does()
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("reboot");
        chain.Register(recorder.Echo("a"), 4);
        chain.Register(recorder.Echo("b"), 3);
        chain.Register(Veto(recorder, "veto"), 2);

        chain.CallRobust(Up, Down, RollbackOrder.ChainOrder);

        Assert.Equal(["a:1", "b:1", "veto:1", "a:-1", "b:-1"], recorder.Calls);
    }

    [Fact]
    public void A_throwing_handler_stops_a_robust_call_and_triggers_the_rollback()
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("reboot");
        chain.Register(recorder.Echo("a"), 3);
        chain.Register(recorder.Throwing("boom", new InvalidOperationException()), 2);
        chain.Register(recorder.Echo("never"), 1);

        var summary = chain.CallRobust(Up, Down);

        Assert.Equal(["a:1", "boom", "a:-1"], recorder.Calls);
        Assert.Equal(1, summary.Faults);
        Assert.True(summary.Stopped);
    }

    [Fact]
    public void Without_a_veto_nothing_is_rolled_back()
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("reboot");
        chain.Register(recorder.Echo("a"), 2);
        chain.Register(recorder.Echo("b"), 1);

        var summary = chain.CallRobust(Up, Down);

        Assert.Equal(["a:1", "b:1"], recorder.Calls);
        Assert.False(summary.Stopped);
    }

    [Fact]
    public void A_veto_by_the_first_handler_rolls_back_nothing()
    {
        var recorder = new Recorder();
        var chain = new NotifierChain<int>("reboot");
        chain.Register(Veto(recorder, "veto"), 2);
        chain.Register(recorder.Echo("b"), 1);

        chain.CallRobust(Up, Down);

        Assert.Equal(["veto:1"], recorder.Calls);
    }

    [Fact]
    public void A_fault_during_rollback_is_observed_and_the_rollback_goes_on()
    {
        var recorder = new Recorder();
        var observed = new List<string>();
        var chain = new NotifierChain<int>("reboot", new NotifierChainOptions { FaultObserver = f => observed.Add(f.Name) });
        chain.Register(recorder.Echo("a"), 4);
        chain.Register(FailsOnDown(recorder, "b"), 3, "b");
        chain.Register(Veto(recorder, "veto"), 2);

        chain.CallRobust(Up, Down);

        Assert.Equal(["a:1", "b:1", "veto:1", "b:-1", "a:-1"], recorder.Calls);
        Assert.Equal(["b"], observed);
    }

    private static NotifierHandler<int> Veto(Recorder recorder, string name)
    {
        var echo = recorder.Echo(name);
        return (in int e) =>
        {
            echo(in e);
            return NotifyErrno.FromErrno(-16);
        };
    }

    private static NotifierHandler<int> FailsOnDown(Recorder recorder, string name)
    {
        var echo = recorder.Echo(name);
        return (in int e) =>
        {
            echo(in e);
            return e == Down ? throw new InvalidOperationException("cannot undo") : NotifyResult.Ok;
        };
    }
}
