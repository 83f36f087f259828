using PanicPath.Model.Explorer;
using PanicPath.Model.Explorer.Summaries;

namespace PanicPath.Model.Diff;

/// <summary>
/// The new or the fixed violations of one invariant in a diff, summarised as the explorer summarises violations:
/// how many configurations, at most k conditions over the <see cref="DiffSpace"/>'s dimensions (largest first, each
/// exact against the compared configurations, with its count and first configuration), whether they describe every
/// one (<see cref="Exact"/>) and how many they leave out.
/// </summary>
public sealed record ChangeSummary(long Count, IReadOnlyList<SummaryCondition> Conditions, bool Exact, long Uncovered)
{
    /// <summary>Summarises <paramref name="changed"/> (⊆ <paramref name="report"/>'s compared configurations) in at most <paramref name="conditions"/> conditions.</summary>
    public static ChangeSummary Of(DiffReport report, BitSet changed, int conditions)
    {
        var count = changed.Count();
        if (count == 0)
        {
            return new ChangeSummary(0, [], true, 0);
        }

        var cover = ConditionCover.Find(report.Space.Radix, report.Compared, changed, conditions);
        return new ChangeSummary(count,
            [.. cover.Conjunctions.Select(c => new SummaryCondition(ConditionText.Format(c, report.Space.Dimensions), c.Count, c.First))],
            cover.Exact, cover.Uncovered);
    }
}
