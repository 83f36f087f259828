namespace PanicPath.Supervisor.Tests.Support;

/// <summary>One log record of an OTLP <c>ExportLogsServiceRequest</c>, with its resource's and scope's names.</summary>
internal sealed record DecodedLogRecord(
    IReadOnlyDictionary<string, object?> Resource,
    string Scope,
    int SeverityNumber,
    string? SeverityText,
    object? Body,
    IReadOnlyDictionary<string, object?> Attributes);
