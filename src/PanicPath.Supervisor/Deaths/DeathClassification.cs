namespace PanicPath.Supervisor.Deaths;

/// <summary>The verdict on one death: its cause, the killing signal's name if any, its signature and a one-line title.</summary>
public sealed record DeathClassification(string Cause, string? Signal, string Signature, string Title);
