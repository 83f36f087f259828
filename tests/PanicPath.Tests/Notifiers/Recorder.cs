using System.Collections.Concurrent;
using PanicPath.Notifiers;

namespace PanicPath.Tests.Notifiers;

/// <summary>Handlers for tests that record, in order, which of them ran and with what event.</summary>
internal sealed class Recorder
{
    private readonly ConcurrentQueue<string> calls = new();

    public IReadOnlyList<string> Calls => calls.ToArray();

    public NotifierHandler<int> Handler(string name, NotifyResult result = NotifyResult.Ok) =>
        (in int e) =>
        {
            calls.Enqueue(name);
            return result;
        };

    public NotifierHandler<int> Throwing(string name, Exception exception) =>
        (in int e) =>
        {
            calls.Enqueue(name);
            throw exception;
        };

    public NotifierHandler<int> Echo(string name) =>
        (in int e) =>
        {
            calls.Enqueue($"{name}:{e}");
            return NotifyResult.Ok;
        };
}
