using Microsoft.Extensions.Hosting;
using PanicPath.Lists;
using PanicPath.Notifiers;
using PanicPath.Panics;

namespace CrashDemo;

/// <summary>A notifier class resolved from DI: adds the environment's name to the record.</summary>
internal sealed class BuildInfoNotifier(IHostEnvironment environment) : IPanicNotifier
{
    public string Name => "add-build-info";

    public PanicList List => PanicList.Information;

    public int Priority => 10;

    public NotifyResult OnPanic(in PanicEvent e)
    {
        Say.Line($"notifier information/add-build-info");
        Console.Error.WriteLine($"environment: {environment.EnvironmentName}");
        return NotifyResult.Done;
    }
}
