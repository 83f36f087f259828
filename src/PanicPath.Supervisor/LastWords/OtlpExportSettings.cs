using OpenTelemetry.Exporter;

namespace PanicPath.Supervisor.LastWords;

/// <summary>
/// Where <see cref="OtlpDeathExporter"/> sends deaths: the full URL of the logs endpoint (for
/// OTLP/HTTP, the base URL with <c>v1/logs</c> appended) and the protocol. <see cref="Resolve"/> takes
/// them the way OpenTelemetry's environment variables mean them, an option first.
/// </summary>
public sealed record OtlpExportSettings(Uri Endpoint, OtlpExportProtocol Protocol)
{
    /// <summary>The base endpoint variable (a signal path is appended for OTLP/HTTP).</summary>
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The logs endpoint variable (used as it is).</summary>
    public const string LogsEndpointVariable = "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT";

    /// <summary>The protocol variable: <c>http/protobuf</c> (the default here) or <c>grpc</c>.</summary>
    public const string ProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>The logs protocol variable, before <see cref="ProtocolVariable"/>.</summary>
    public const string LogsProtocolVariable = "OTEL_EXPORTER_OTLP_LOGS_PROTOCOL";

    /// <summary>
    /// The settings from <paramref name="endpointOption"/> (a base URL, like <see cref="EndpointVariable"/>;
    /// named <paramref name="optionName"/> in errors), else <see cref="LogsEndpointVariable"/>, else
    /// <see cref="EndpointVariable"/>; null when none is set.
    /// </summary>
    /// <exception cref="FormatException">An endpoint is not an absolute http(s) URL, or the protocol is unknown; the message names the option or variable.</exception>
    public static OtlpExportSettings? Resolve(string? endpointOption, string optionName, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var protocol = ParseProtocol(environment);
        if (endpointOption is not null)
        {
            return new OtlpExportSettings(Signal(Parse(endpointOption, optionName), protocol), protocol);
        }

        if (environment(LogsEndpointVariable) is { Length: > 0 } logs)
        {
            return new OtlpExportSettings(Parse(logs, LogsEndpointVariable), protocol);
        }

        return environment(EndpointVariable) is { Length: > 0 } baseUrl
            ? new OtlpExportSettings(Signal(Parse(baseUrl, EndpointVariable), protocol), protocol)
            : null;
    }

    private static OtlpExportProtocol ParseProtocol(Func<string, string?> environment)
    {
        var (name, value) = environment(LogsProtocolVariable) is { Length: > 0 } logs ? (LogsProtocolVariable, logs)
            : environment(ProtocolVariable) is { Length: > 0 } any ? (ProtocolVariable, any)
            : (ProtocolVariable, "http/protobuf");
        return value.Trim() switch
        {
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            "grpc" => OtlpExportProtocol.Grpc,
            _ => throw new FormatException($"{name}: '{value}' is not supported; use http/protobuf or grpc."),
        };
    }

    private static Uri Parse(string value, string name) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new FormatException($"{name}: '{value}' is not an absolute http:// or https:// URL.");

    private static Uri Signal(Uri baseUrl, OtlpExportProtocol protocol)
    {
        if (protocol != OtlpExportProtocol.HttpProtobuf)
        {
            return baseUrl;
        }

        var builder = new UriBuilder(baseUrl);
        builder.Path = builder.Path.TrimEnd('/') + "/v1/logs";
        return builder.Uri;
    }
}
