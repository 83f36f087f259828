using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PanicPath.Dumps;
using PanicPath.Hosting.Dumps;
using PanicPath.Hosting.Logging;
using PanicPath.Lists;
using PanicPath.Logging;
using PanicPath.Notifiers;
using PanicPath.Panics;
using PanicPath.Shutdown;

namespace PanicPath.Hosting;

/// <summary>
/// <c>services.AddPanicPath(options => …)</c>: the panic path for a hosted application (runtime
/// installed at host start, log ring as a logging provider, notifiers, dumpers, hooks and shutdown
/// handlers from DI), and the registration helpers for them.
/// </summary>
public static class PanicPathServiceCollectionExtensions
{
    /// <summary>
    /// Adds the panic path. Options are validated here: a bad value throws an
    /// <see cref="ArgumentException"/> naming the field. Call once per service collection.
    /// </summary>
    public static IServiceCollection AddPanicPath(this IServiceCollection services, Action<PanicPathOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(PanicPathOptions)))
        {
            throw new InvalidOperationException("AddPanicPath was already called on this service collection.");
        }

        var options = new PanicPathOptions();
        configure?.Invoke(options);
        if (options.InProcessDump && options.DumpWriter is null)
        {
            options.DumpWriter = new DiagnosticsDumpWriter();
        }

        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton(new LogRing(options.LogRingCapacity));
        services.AddSingleton(sp => PanicRuntime.Install(options, sp.GetRequiredService<LogRing>()));
        services.AddLogging();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, RingLoggerProvider>());
        if (options.PanicOnBackgroundServiceFailure)
        {
            services.Configure<HostOptions>(host => host.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
        }

        // First among hosted services: installed before the others start, stopped after they stop.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, PanicPathHostedService>());
        return services;
    }

    /// <summary>
    /// Registers a panic notifier class, resolved from DI at host start. Its public constructors are kept
    /// for trimming and Native AOT (as <c>AddSingleton&lt;TService, TImplementation&gt;</c> asks).
    /// </summary>
    public static IServiceCollection AddPanicNotifier<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IServiceCollection services)
        where T : class, IPanicNotifier =>
        services.AddSingleton<IPanicNotifier, T>();

    /// <summary>Registers a panic notifier descriptor.</summary>
    public static IServiceCollection AddPanicNotifier(this IServiceCollection services, PanicNotifier notifier)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        return services.AddSingleton(notifier);
    }

    /// <summary>Registers a panic notifier descriptor built from DI at host start.</summary>
    public static IServiceCollection AddPanicNotifier(this IServiceCollection services, Func<IServiceProvider, PanicNotifier> factory) =>
        services.AddSingleton(factory);

    /// <summary>
    /// Registers a log dumper class, resolved from DI at host start. Its public constructors are kept for
    /// trimming and Native AOT (as <c>AddSingleton&lt;TService, TImplementation&gt;</c> asks).
    /// </summary>
    public static IServiceCollection AddLogDumper<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IServiceCollection services)
        where T : LogDumper =>
        services.AddSingleton<LogDumper, T>();

    /// <summary>Registers a log dumper instance.</summary>
    public static IServiceCollection AddLogDumper(this IServiceCollection services, LogDumper dumper) =>
        services.AddSingleton(dumper);

    /// <summary>Registers a crash-shutdown hook.</summary>
    public static IServiceCollection AddCrashShutdownHook(this IServiceCollection services, CrashShutdownHook hook) =>
        services.AddSingleton(hook);

    /// <summary>Registers a handler on the orderly shutdown chain.</summary>
    public static IServiceCollection AddShutdownNotifier(this IServiceCollection services, string name, BlockingNotifierHandler<ShutdownEvent> handler, int priority = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(handler);
        return services.AddSingleton(new ShutdownNotifier(name, priority, handler));
    }
}
