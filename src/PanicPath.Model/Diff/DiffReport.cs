using PanicPath.Model.Explorer;

namespace PanicPath.Model.Diff;

/// <summary>What changed between two scenarios: the violations only the new one has, and those it fixed.</summary>
public sealed record DiffReport(
    ExplorationReport Old,
    ExplorationReport New,
    IReadOnlyList<string> SharedDimensions,
    IReadOnlyList<DiffEntry> NewViolations,
    IReadOnlyList<DiffEntry> FixedViolations);
