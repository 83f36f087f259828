namespace PanicPath.Model.Kernel;

/// <summary>
/// One step of a run: the CPU that took it, the chain and callback it happened in (empty for the
/// kernel's own steps), what was done, and the state it changed (empty when none).
/// </summary>
public sealed record TraceStep(int Cpu, string Chain, string Callback, string Action, string Change);
