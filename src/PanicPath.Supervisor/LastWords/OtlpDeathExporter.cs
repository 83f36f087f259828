using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;
using PanicPath.Supervisor.Deaths;

namespace PanicPath.Supervisor.LastWords;

/// <summary>
/// Exports each death as one OpenTelemetry log record through the OpenTelemetry SDK's OTLP exporter:
/// severity Fatal, body the death's title, the exception conventions (<c>exception.type</c>,
/// <c>exception.message</c>, <c>exception.stacktrace</c>, from <see cref="DeathException"/>) and
/// <c>panicpath.cause</c>, <c>panicpath.exit_code</c>, <c>panicpath.signal</c> (when a signal killed it),
/// <c>panicpath.signature</c>, <c>panicpath.record_id</c>, <c>panicpath.run_id</c>, <c>process.pid</c> and
/// <c>process.command_line</c>. The resource's <c>service.name</c> is <c>panicpath</c> unless
/// <c>OTEL_SERVICE_NAME</c> or <c>OTEL_RESOURCE_ATTRIBUTES</c> say otherwise; <c>OTEL_EXPORTER_OTLP_HEADERS</c>
/// is honoured by the SDK. The record is exported before <see cref="DeathStoredAsync"/> returns, each
/// attempt bounded by <see cref="ExportTimeout"/>; when the SDK reports that it could not deliver it
/// (unreachable, refused, timed out), <see cref="DeathStoredAsync"/> throws <see cref="IOException"/>
/// saying why, and the record is not retried. Dispose shuts the exporter down.
/// </summary>
public sealed class OtlpDeathExporter : IDeathSink, IDisposable
{
    /// <summary>The service name the resource carries unless the environment overrides it.</summary>
    public const string ServiceName = "panicpath";

    /// <summary>The logger category, exported as the instrumentation scope.</summary>
    public const string Scope = "PanicPath.Supervisor";

    /// <summary>How long one export may take, retries included.</summary>
    public static readonly TimeSpan ExportTimeout = TimeSpan.FromSeconds(4);

    private readonly ILoggerFactory factory;
    private readonly ILogger logger;
    private readonly OtlpExportProblems problems = new();

    /// <summary>Builds the SDK's pipeline (a simple processor: every record is sent as it is logged).</summary>
    public OtlpDeathExporter(OtlpExportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        factory = LoggerFactory.Create(logging => logging.AddOpenTelemetry(otel =>
        {
            otel.SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService(ServiceName).AddTelemetrySdk().AddEnvironmentVariableDetector());
            otel.AddOtlpExporter((exporter, processor) =>
            {
                exporter.Endpoint = settings.Endpoint;
                exporter.Protocol = settings.Protocol;
                exporter.TimeoutMilliseconds = (int)ExportTimeout.TotalMilliseconds;
                processor.ExportProcessorType = ExportProcessorType.Simple;
            });
        }));
        logger = factory.CreateLogger(Scope);
    }

    /// <summary>Where the records go.</summary>
    public OtlpExportSettings Settings { get; }

    /// <inheritdoc />
    public string Name => $"OTLP export to {Settings.Endpoint}";

    /// <summary>The record's attributes for <paramref name="death"/>, and its body under <c>{OriginalFormat}</c>.</summary>
    public static IReadOnlyList<KeyValuePair<string, object?>> Attributes(DeathRecord death)
    {
        ArgumentNullException.ThrowIfNull(death);
        var exception = DeathException.Of(death);
        var attributes = new List<KeyValuePair<string, object?>>
        {
            new("exception.type", exception.Type),
            new("exception.message", exception.Message),
            new("exception.stacktrace", exception.StackTrace),
            new("panicpath.cause", death.Cause),
            new("panicpath.exit_code", death.ExitCode),
            new("panicpath.signature", death.Signature),
            new("panicpath.record_id", death.Id),
            new("panicpath.run_id", death.RunId),
            new("process.pid", death.Pid),
            new("process.command_line", death.Command),
        };
        if (death.Signal is { } signal)
        {
            attributes.Add(new("panicpath.signal", signal));
        }

        attributes.Add(new("{OriginalFormat}", death.Title));
        return attributes;
    }

    /// <inheritdoc />
    public Task DeathStoredAsync(DeathRecord death, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(death);
        var attributes = Attributes(death);
        if (OtlpExportProblems.Watch(() => logger.Log(LogLevel.Critical, default, attributes, null, (_, _) => death.Title)) is { } problem)
        {
            throw new IOException($"not exported: {problem}");
        }

        return Task.CompletedTask;
    }

    /// <summary>Shuts the SDK's pipeline down.</summary>
    public void Dispose()
    {
        factory.Dispose();
        problems.Dispose();
    }
}
