using System.Runtime.CompilerServices;

namespace ThrowApp;

/// <summary>
/// The death under measurement: <c>threads</c> threads wait at a barrier; the barrier's post-phase action
/// (run once, by the last thread to arrive, before any is released) takes the <see cref="ThrowMark"/>, then
/// every thread lets the same exception escape at once. With one thread it is simply: mark, throw.
/// </summary>
internal static class Thrower
{
    public static void Throw(int threads, ThrowMark mark)
    {
        using var barrier = new Barrier(threads, _ => mark.Write());
        var started = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            barrier.SignalAndWait();
            Escape();
        })).ToList();
        started.ForEach(t => t.Start());
        started.ForEach(t => t.Join());
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Escape() => throw new InvalidOperationException("ThrowApp: unhandled exception under measurement");
}
