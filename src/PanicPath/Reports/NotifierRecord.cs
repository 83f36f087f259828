using System.Text.Json.Serialization;

namespace PanicPath.Reports;

/// <summary>
/// One notifier (or crash-shutdown hook) in a report: name, list (<c>supervisor</c>, <c>information</c>,
/// <c>teardown</c>, <c>final</c>, <c>crash-shutdown</c>), priority, outcome (<c>ran</c>, <c>threw</c>,
/// <c>timed-out</c>, <c>skipped</c>, <c>abandoned</c>), when it started (version 2) and milliseconds spent.
/// </summary>
public sealed class NotifierRecord
{
    /// <summary>The notifier's name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The list it belongs to.</summary>
    public string List { get; set; } = string.Empty;

    /// <summary>Its priority.</summary>
    public int Priority { get; set; }

    /// <summary>What happened to it.</summary>
    public string Outcome { get; set; } = string.Empty;

    /// <summary>
    /// Version 2: milliseconds from the panic's entry to the step's hand-off (for a step skipped, to when
    /// it was passed over); null in a version 1 report.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? StartMs { get; set; }

    /// <summary>Milliseconds from hand-off to completion or abandonment.</summary>
    public double Ms { get; set; }

    /// <summary>When it threw: the exception type.</summary>
    public string? Error { get; set; }
}
