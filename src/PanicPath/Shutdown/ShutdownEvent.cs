namespace PanicPath.Shutdown;

/// <summary>What the orderly shutdown chain's handlers receive: why the process is stopping (e.g. SIGTERM).</summary>
public readonly record struct ShutdownEvent(string Reason);
