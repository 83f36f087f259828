using Microsoft.Extensions.Hosting;

namespace CrashDemo;

/// <summary>A background service that fails shortly after it starts.</summary>
internal sealed class FailingService : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(200, stoppingToken);
        throw new InvalidOperationException("queue consumer lost its connection");
    }
}
