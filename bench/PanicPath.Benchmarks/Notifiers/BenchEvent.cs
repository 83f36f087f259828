namespace PanicPath.Benchmarks.Notifiers;

/// <summary>The event the notifier benchmarks pass: a small struct, as a panic or die event is.</summary>
public readonly record struct BenchEvent(int Value, long Ticks);
