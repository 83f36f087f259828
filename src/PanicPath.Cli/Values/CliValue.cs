namespace PanicPath.Cli.Values;

/// <summary>
/// What an option or argument takes: its <paramref name="Kind"/> and, in words, the value expected
/// (<c>a whole number, 1 or more</c>), as a bad value's message says it.
/// </summary>
public sealed record CliValue(ValueKind Kind, string Expected);
