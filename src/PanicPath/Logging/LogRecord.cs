namespace PanicPath.Logging;

/// <summary>One record read back from a <see cref="LogRing"/>: sequence number, UTC time, level, category, message.</summary>
public readonly record struct LogRecord(long Sequence, DateTime TimestampUtc, LogRecordLevel Level, string Category, string Message);
