namespace PanicPath.Reports;

/// <summary>
/// What one record of a slot holds: its payload (UTF-8 JSON) when the record is whole, neither when it
/// is empty (never written), or a <see cref="Problem"/> naming the file and record when it is torn.
/// </summary>
/// <param name="Payload">The record's payload, or null.</param>
/// <param name="Problem">Why the record could not be read (torn, unreadable), or null.</param>
public readonly record struct SlotContent(byte[]? Payload, string? Problem);
