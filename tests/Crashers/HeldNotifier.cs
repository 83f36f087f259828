using Microsoft.Extensions.Hosting;
using PanicPath.Hosting;
using PanicPath.Lists;
using PanicPath.Panics;

namespace Crashers;

/// <summary>
/// <c>panicpath-held</c>: a host with PanicPath whose one notifier (Supervisor list, budget 150 s,
/// deadline 180 s) prints <c>notifier held</c> and waits, at most two minutes, until the go file exists;
/// then the path goes on to its end. It panics with reason <c>held panic</c> and an
/// <see cref="InvalidOperationException"/>. A test watches what the supervisor did while the path was held.
/// </summary>
internal static class HeldNotifier
{
    /// <summary>Starts the host, registers the held notifier, and panics. Never returns.</summary>
    public static void Run(string goFile)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPanicPath(options =>
        {
            options.NotifierBudget = TimeSpan.FromSeconds(150);
            options.Deadline = TimeSpan.FromSeconds(180);
        });
        builder.Services.AddPanicNotifier(new PanicNotifier("held", PanicList.Supervisor, (in PanicEvent e) =>
        {
            Console.Out.WriteLine("notifier held");
            Console.Out.Flush();
            for (var waited = 0; goFile.Length > 0 && !File.Exists(goFile) && waited < 6000; waited++)
            {
                Thread.Sleep(20);
            }

            return PanicPath.Notifiers.NotifyResult.Done;
        }));
        using var host = builder.Build();
        host.Start();
        Panic.Now("held panic", new InvalidOperationException("crasher held"));
    }
}
