using PanicPath.Notifiers;

namespace PanicPath.Tests.Notifiers;

/// <summary>
/// A registration whose handler blocks until released, and a walk of its chain on a thread of its own
/// that is inside that handler once <see cref="Start"/> returns.
/// </summary>
internal sealed class StuckCall : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ManualResetEventSlim release = new();

    private StuckCall(NotifierChain<int> chain)
    {
        using var entered = new ManualResetEventSlim();
        Registration = chain.Register((in int e) =>
        {
            entered.Set();
            release.Wait();
            return NotifyResult.Ok;
        });
        Walk = Task.Factory.StartNew(() => chain.Call(1), TaskCreationOptions.LongRunning);
        if (!entered.Wait(Patience))
        {
            throw new TimeoutException("the walk never reached the handler");
        }
    }

    public NotifierRegistration<int> Registration { get; }

    public Task Walk { get; }

    public static StuckCall Start(NotifierChain<int> chain) => new(chain);

    public async Task ReleaseAsync()
    {
        release.Set();
        await Walk.WaitAsync(Patience);
    }

    public void Dispose()
    {
        release.Set();
        release.Dispose();
    }
}
