using System.Diagnostics.Tracing;
using System.Globalization;

namespace PanicPath.Supervisor.LastWords;

/// <summary>
/// Hears the OTLP exporter's own warnings and errors (its self-diagnostics event source) while
/// <see cref="Watch"/> runs an export on the calling thread, so that a record the SDK dropped (collector
/// unreachable, refused, timed out) is told rather than lost silently. Events are written on the
/// exporting thread, so only that thread's are kept.
/// </summary>
internal sealed class OtlpExportProblems : EventListener
{
    private const string ExporterSource = "OpenTelemetry-Exporter-OpenTelemetryProtocol";

    [ThreadStatic]
    private static List<string>? heard;

    /// <summary>Runs <paramref name="export"/> and answers the first problem the exporter reported meanwhile, or null.</summary>
    public static string? Watch(Action export)
    {
        var previous = heard;
        heard = [];
        try
        {
            export();
            return heard.FirstOrDefault();
        }
        finally
        {
            heard = previous;
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == ExporterSource)
        {
            EnableEvents(eventSource, EventLevel.Warning);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (heard is { } list && eventData.Level <= EventLevel.Warning)
        {
            var text = eventData.Message is { } format ? string.Format(CultureInfo.InvariantCulture, format, eventData.Payload?.ToArray() ?? []) : eventData.EventName ?? "export failed";
            list.Add(text.Split('\n')[0].TrimEnd('\r'));
        }
    }
}
