using Microsoft.Extensions.Hosting;
using PanicPath.Hosting;
using PanicPath.Lists;
using PanicPath.Notifiers;
using PanicPath.Panics;

namespace Crashers;

/// <summary>
/// <c>panicpath-nested</c>: a host with PanicPath whose path holds a notifier of each kind of outcome, one per list:
/// <c>tell</c> (Supervisor) runs for about 20 ms, <c>broken</c> (Information) raises a nested panic
/// (<c>flush failed</c>, an <see cref="InvalidOperationException"/>), <c>after</c> (Teardown) runs for about 5 ms, and
/// <c>throws</c> (Final) throws an <see cref="ArgumentException"/>; then it panics with <c>nested crasher</c>.
/// </summary>
internal static class NestedPanics
{
    /// <summary>Starts the host, registers the notifiers, and panics. Never returns.</summary>
    public static void Run()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPanicPath();
        builder.Services.AddPanicNotifier(new PanicNotifier("tell", PanicList.Supervisor, (in PanicEvent e) =>
        {
            Thread.Sleep(20);
            return NotifyResult.Done;
        }));
        builder.Services.AddPanicNotifier(new PanicNotifier("broken", PanicList.Information, (in PanicEvent e) =>
        {
            Panic.Now("flush failed", new InvalidOperationException("the flush found the connection closed"));
            return NotifyResult.Done;
        }));
        builder.Services.AddPanicNotifier(new PanicNotifier("after", PanicList.Teardown, (in PanicEvent e) =>
        {
            Thread.Sleep(5);
            return NotifyResult.Done;
        }));
        builder.Services.AddPanicNotifier(new PanicNotifier("throws", PanicList.Final, (in PanicEvent e) => throw new ArgumentException("a notifier that throws")));

        using var host = builder.Build();
        host.Start();
        Panic.Now("nested crasher");
    }
}
