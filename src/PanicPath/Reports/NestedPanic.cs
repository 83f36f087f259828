using System.Text.Json.Serialization;

namespace PanicPath.Reports;

/// <summary>A panic raised inside a notifier while the path ran: the notifier abandoned, the reason, the exception type, and (version 2) when.</summary>
public sealed class NestedPanic
{
    /// <summary>The notifier that panicked.</summary>
    public string Notifier { get; set; } = string.Empty;

    /// <summary>The nested panic's reason.</summary>
    public string Reason { get; set; } = string.Empty;

    /// <summary>The nested panic's exception type, if any.</summary>
    public string? ExceptionType { get; set; }

    /// <summary>
    /// Version 2: milliseconds from the panic's entry to when the nested panic was seen (its step
    /// abandoned); null in a version 1 report.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? AtMs { get; set; }
}
