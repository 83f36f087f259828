using Microsoft.Extensions.DependencyInjection;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PanicPath.Dumps;
using PanicPath.Lists;
using PanicPath.Logging;
using PanicPath.Panics;

namespace PanicPath.Hosting;

/// <summary>
/// Installs the panic path when the host starts (first among hosted services), registers the notifiers,
/// dumpers, hooks and shutdown handlers found in DI, watches every <see cref="BackgroundService"/> once
/// all have started (a failed one raises an oops that panics, by default), checks the plan with the
/// verifier (<see cref="PlanCheck"/>), and on stop runs the orderly
/// shutdown chain and a log dump with reason Shutdown (not a panic).
/// </summary>
internal sealed class PanicPathHostedService(
    PanicRuntime runtime,
    PanicPathOptions options,
    IEnumerable<IPanicNotifier> classNotifiers,
    IEnumerable<PanicNotifier> notifiers,
    IEnumerable<LogDumper> dumpers,
    IEnumerable<CrashShutdownHook> hooks,
    IEnumerable<ShutdownNotifier> shutdownNotifiers,
    ILoggerFactory loggers,
    IServiceProvider services) : IHostedLifecycleService
{
    private PosixSignalRegistration? sigterm;
    private volatile string stopReason = "host stopping";

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        foreach (var notifier in classNotifiers)
        {
            runtime.Register(PanicNotifier.From(notifier));
        }

        foreach (var notifier in notifiers)
        {
            runtime.Register(notifier);
        }

        foreach (var dumper in dumpers)
        {
            runtime.AddLogDumper(dumper);
        }

        foreach (var hook in hooks)
        {
            runtime.AddCrashShutdownHook(hook);
        }

        foreach (var notifier in shutdownNotifiers)
        {
            runtime.ShutdownChain.Register(notifier.Handler, notifier.Priority, notifier.Name);
        }

        PlanCheck.Apply(runtime.Plan, options.FailOnPlanViolation, loggers.CreateLogger("PanicPath.Plan"));
        if (!OperatingSystem.IsWindows())
        {
            // Records why the host stops; the host's own lifetime handles the signal.
            sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => stopReason = "SIGTERM");
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        foreach (var service in services.GetServices<IHostedService>())
        {
            if (service is BackgroundService background && background.ExecuteTask is { } task)
            {
                var name = service.GetType().FullName ?? service.GetType().Name;
                task.ContinueWith(
                    failed => runtime.Oops($"background service {name} failed", failed.Exception?.InnerException ?? failed.Exception, name, options.PanicOnBackgroundServiceFailure),
                    CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
        }

        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => runtime.ShutdownAsync(stopReason, cancellationToken);

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        sigterm?.Dispose();
        return Task.CompletedTask;
    }
}
