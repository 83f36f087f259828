using System.Collections.Concurrent;
using PanicPath.Lists;
using PanicPath.Notifiers;
using PanicPath.Panics;

namespace PanicPath.Tests.Panics;

/// <summary>A detached runtime whose notifiers record the order they ran in.</summary>
internal sealed class PathHarness
{
    internal PathHarness(PanicOptions? options = null)
    {
        Options = options ?? new PanicOptions { SpoolDirectory = null, NotifierBudget = TimeSpan.FromSeconds(5), Deadline = TimeSpan.FromSeconds(60) };
        Runtime = PanicRuntime.CreateDetached(Options);
    }

    internal PanicOptions Options { get; }

    internal PanicRuntime Runtime { get; }

    internal ConcurrentQueue<string> Ran { get; } = new();

    internal PanicNotifier Add(string name, PanicList list, int priority = 0, Action? body = null)
    {
        var notifier = new PanicNotifier(name, list, (in PanicEvent e) =>
        {
            body?.Invoke();
            Ran.Enqueue(name);
            return NotifyResult.Done;
        }, priority);
        Runtime.Register(notifier);
        return notifier;
    }
}
