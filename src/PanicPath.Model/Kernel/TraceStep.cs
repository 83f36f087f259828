namespace PanicPath.Model.Kernel;

/// <summary>
/// One step of a run: the CPU that took it, the chain and callback it happened in (empty for the
/// kernel's own steps), what was done, and the state it changed (empty when none). <see cref="Time"/> is the
/// model clock when the step was taken, in microseconds since the entry point; 0 before any time has passed,
/// and always 0 in a scenario that speaks of no time (no duration, no time bound).
/// </summary>
public sealed record TraceStep(int Cpu, string Chain, string Callback, string Action, string Change)
{
    /// <summary>The model clock at this step, in microseconds since the entry point (see <see cref="Machine.Now"/>).</summary>
    public long Time { get; init; }
}
