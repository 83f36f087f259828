using System.Text;

namespace PanicPath.Model.Conformance.Oracle;

/// <summary>
/// The oracle's table in Markdown — configuration, observed, predicted, agree — headed by the guest kernel's
/// version and followed by the seed's invariant verdicts (kernel and model), and its summary line <c>conformance: N configurations, N agree, N disagree</c>.
/// </summary>
public static class ConformanceTable
{
    /// <summary>The table of <paramref name="rows"/>.</summary>
    public static string Render(GuestImage? guest, IReadOnlyList<ConformanceRow> rows)
    {
        var t = new StringBuilder();
        t.AppendLine($"Guest kernel: {guest?.Name ?? "(not built)"}, x86_64, QEMU TCG.");
        t.AppendLine();
        t.AppendLine("| # | configuration | observed (kernel) | predicted (model) | agree |");
        t.AppendLine("|---|---|---|---|---|");
        foreach (var r in rows)
        {
            var observed = r.Observed is { } o ? Cell(o) : "not run: " + r.Error;
            if (r.Observed is not null && !r.KernelAsExpected)
            {
                observed += $" (sources say: {Cell(r.Expected)})";
            }

            t.AppendLine($"| {r.Configuration.Id} | {r.Configuration.Label} | {observed} | {Cell(r.Predicted)} | {(r.Agrees ? "yes" : "**no**")} |");
        }

        var seed = rows.Where(r => r.Configuration.Arrangement == "seed").ToList();
        if (seed.Count > 0)
        {
            t.AppendLine();
            t.AppendLine("The seed's invariants (examples/hyperv), judged on the observed run and by the model:");
            t.AppendLine();
            t.AppendLine("| # | configuration | kernel | model | agree |");
            t.AppendLine("|---|---|---|---|---|");
            foreach (var r in seed)
            {
                var model = SeedVerdicts.Text(ModelPrediction.Broken(r.Configuration));
                var kernel = r.Observed is { } o ? SeedVerdicts.Text(SeedVerdicts.Broken(r.Configuration, o)) : "not run";
                t.AppendLine($"| {r.Configuration.Id} | {r.Configuration.Label} | {kernel} | {model} | {(kernel == model ? "yes" : "**no**")} |");
            }
        }

        return t.ToString();
    }

    /// <summary>The summary line.</summary>
    public static string Summary(IReadOnlyList<ConformanceRow> rows)
    {
        var agree = rows.Count(r => r.Agrees);
        return $"conformance: {rows.Count} configurations, {agree} agree, {rows.Count - agree} disagree";
    }

    private static string Cell(PathRecord p) => (p.OrderText + "; " + p.Observable().FactsText).Replace("|", "\\|", StringComparison.Ordinal);
}
