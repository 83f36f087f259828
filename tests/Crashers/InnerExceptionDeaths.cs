using System.Runtime.CompilerServices;

namespace Crashers;

/// <summary>
/// Deaths by exceptions that hold others: an exception with an inner one thrown across an await, and an
/// AggregateException of several; the runtime or PanicPath reports them with their inner exceptions.
/// </summary>
internal static class InnerExceptionDeaths
{
    /// <summary>
    /// An InvalidOperationException wrapping the IOException a local function threw inside a lambda run by an
    /// async method, escaping a thread: a crash with an inner exception, compiler-named frames and an await.
    /// </summary>
    public static void Inner()
    {
        var thread = new Thread(() => ReadOrderAsync().GetAwaiter().GetResult());
        thread.Start();
        thread.Join();
    }

    /// <summary>An AggregateException of two thrown exceptions (the second with an inner one) escaping a thread.</summary>
    public static void Aggregate()
    {
        var thread = new Thread(() => throw new AggregateException("crasher aggregate", Caught(Throw), Caught(() => ReadOrderAsync().GetAwaiter().GetResult())));
        thread.Start();
        thread.Join();
    }

    private static async Task ReadOrderAsync()
    {
        try
        {
            await Task.Run(() => ReadDisk()).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException("crasher nested", e);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        static void ReadDisk() => throw new IOException("crasher inner");
    }

    private static Exception Caught(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            return e;
        }

        return new InvalidOperationException("crasher: nothing thrown");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw() => throw new InvalidOperationException("crasher unhandled");
}
