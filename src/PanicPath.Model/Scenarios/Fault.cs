namespace PanicPath.Model.Scenarios;

/// <summary>One fault to explore: its kind and the lock or callback it concerns (-1 when none).</summary>
public sealed record Fault(FaultKind Kind, int Target, string Text);
