namespace PanicPath.Reports;

/// <summary>A panic raised inside a notifier while the path ran: the notifier abandoned, the reason, the exception type.</summary>
public sealed class NestedPanic
{
    /// <summary>The notifier that panicked.</summary>
    public string Notifier { get; set; } = string.Empty;

    /// <summary>The nested panic's reason.</summary>
    public string Reason { get; set; } = string.Empty;

    /// <summary>The nested panic's exception type, if any.</summary>
    public string? ExceptionType { get; set; }
}
