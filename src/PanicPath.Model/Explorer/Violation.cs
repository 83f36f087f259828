using PanicPath.Model.Kernel;

namespace PanicPath.Model.Explorer;

/// <summary>One broken invariant in one configuration, with the trace of the run that breaks it.</summary>
public sealed record Violation(string Invariant, Configuration Configuration, Boundary Outcome, IReadOnlyList<TraceStep> Trace);
