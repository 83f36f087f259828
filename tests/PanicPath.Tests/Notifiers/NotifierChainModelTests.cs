using CsCheck;
using PanicPath.Notifiers;

namespace PanicPath.Tests.Notifiers;

/// <summary>
/// The chain against a reference model written the obvious way (a list kept sorted by insertion), for
/// any sequence of register, unique register, unregister and call.
/// </summary>
public class NotifierChainModelTests
{
    private const int HandlerIds = 8;

    private static readonly Gen<Op> OpGen =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, HandlerIds - 1], Gen.Int[-3, 3], (kind, id, value) => new Op(kind, id, value));

    [Fact]
    public void The_chain_behaves_as_the_reference_model_for_any_sequence_of_operations()
    {
        OpGen.Array[0, 60].Sample(Check, iter: 2_000);
    }

    private static void Check(Op[] ops)
    {
        var chain = new NotifierChain<int>("model");
        var model = new List<(int Id, int Priority)>();
        var registrations = new Dictionary<int, NotifierRegistration<int>>();
        var called = new List<int>();
        var handlers = Enumerable.Range(0, HandlerIds).Select(id => Handler(id, called)).ToArray();

        foreach (var op in ops)
        {
            switch (op.Kind)
            {
                case 0 or 1:
                    var unique = op.Kind == 1;
                    var refused = model.Exists(m => m.Id == op.Id) || (unique && model.Exists(m => m.Priority == op.Value));
                    try
                    {
                        registrations[op.Id] = unique
                            ? chain.RegisterUniquePriority(handlers[op.Id], op.Value)
                            : chain.Register(handlers[op.Id], op.Value);
                        Assert.False(refused, $"{op} should have been refused");
                        var at = model.FindLastIndex(m => m.Priority >= op.Value) + 1;
                        model.Insert(at, (op.Id, op.Value));
                    }
                    catch (InvalidOperationException)
                    {
                        Assert.True(refused, $"{op} was refused");
                    }

                    break;

                case 2:
                    if (registrations.Remove(op.Id, out var registration))
                    {
                        registration.Dispose();
                        model.RemoveAll(m => m.Id == op.Id);
                    }

                    break;

                default:
                    called.Clear();
                    var maxCalls = op.Value < 0 ? -1 : op.Value;
                    var summary = chain.Call(op.Id, maxCalls);
                    var expected = Walk(model, maxCalls);
                    Assert.Equal(expected.Called, called);
                    Assert.Equal(expected.Result, summary.Result);
                    Assert.Equal(expected.Called.Count, summary.Calls);
                    break;
            }

            Assert.Equal(model.Select(m => m.Priority), chain.Registrations.Select(r => r.Priority));
        }
    }

    private static (List<int> Called, NotifyResult Result) Walk(List<(int Id, int Priority)> model, int maxCalls)
    {
        var called = new List<int>();
        var result = NotifyResult.Done;
        foreach (var (id, _) in model)
        {
            if (maxCalls >= 0 && called.Count == maxCalls)
            {
                break;
            }

            called.Add(id);
            result = ResultOf(id);
            if ((result & NotifyResult.StopMask) != 0)
            {
                break;
            }
        }

        return (called, result);
    }

    private static NotifyResult ResultOf(int id) => id switch
    {
        5 => NotifyResult.Stop,
        6 => NotifyResult.Done,
        _ => NotifyResult.Ok,
    };

    private static NotifierHandler<int> Handler(int id, List<int> called) => (in int e) =>
    {
        called.Add(id);
        return ResultOf(id);
    };

    private sealed record Op(int Kind, int Id, int Value);
}
