using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
/// <c>services.AddPanicPath(options => …)</c> or <c>services.AddPanicPath(configuration.GetSection("PanicPath"))</c>: the panic path for a hosted application (runtime
/// installed at host start, log ring as a logging provider, notifiers, dumpers, hooks and shutdown
/// handlers from DI), and the registration helpers for them.
/// </summary>
public static class PanicPathServiceCollectionExtensions
{
    /// <summary>
    /// Adds the panic path with options set in code. The options are validated when the host starts
    /// (or when they are first resolved): every bad value is named in one <see cref="OptionsValidationException"/>.
    /// Call once per service collection.
    /// </summary>
    public static IServiceCollection AddPanicPath(this IServiceCollection services, Action<PanicPathOptions>? configure = null) =>
        AddPanicPathCore(services, null, configure);

    /// <summary>
    /// Adds the panic path with options bound from a configuration section
    /// (<c>builder.Configuration.GetSection("PanicPath")</c>), then <paramref name="configure"/>, which wins
    /// over the section. Keys are the option names (<c>"Deadline": "00:00:05"</c>, <c>"DumpPolicy": "AfterLists"</c>,
    /// <c>"Platform": "linux"</c>); a malformed value, an unknown key or a value out of range stops the host
    /// at start with one <see cref="OptionsValidationException"/> naming every bad key by its configuration
    /// path (<c>PanicPath:Deadline: …</c>). The section is read once, when the options are first resolved.
    /// Call once per service collection.
    /// </summary>
    public static IServiceCollection AddPanicPath(this IServiceCollection services, IConfiguration section, Action<PanicPathOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        return AddPanicPathCore(services, section, configure);
    }

    private static IServiceCollection AddPanicPathCore(IServiceCollection services, IConfiguration? section, Action<PanicPathOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(PanicPathOptions)))
        {
            throw new InvalidOperationException("AddPanicPath was already called on this service collection.");
        }

        var options = services.AddOptions<PanicPathOptions>();
        if (section is not null)
        {
            options.Configure(o => PanicPathConfiguration.Bind(section, o));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.PostConfigure(o =>
        {
            if (o.InProcessDump && o.DumpWriter is null)
            {
                o.DumpWriter = new DiagnosticsDumpWriter();
            }
        });
        services.AddSingleton<IValidateOptions<PanicPathOptions>>(new PanicPathOptionsValidator(section));
        options.ValidateOnStart();

        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PanicPathOptions>>().Value);
        services.AddSingleton(sp => new LogRing(sp.GetRequiredService<PanicPathOptions>().LogRingCapacity));
        services.AddSingleton(sp => PanicRuntime.Install(sp.GetRequiredService<PanicPathOptions>(), sp.GetRequiredService<LogRing>()));
        services.AddLogging();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, RingLoggerProvider>());
        services.AddOptions<HostOptions>().Configure<PanicPathOptions>((host, panic) =>
        {
            if (panic.PanicOnBackgroundServiceFailure)
            {
                host.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore;
            }
        });

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
