namespace PanicPath.Model.Conformance.Oracle;

/// <summary>
/// One configuration's result: what the guest did (observed), what the kernel's sources say it does
/// (expected), what the model predicts, and the run's details.
/// </summary>
public sealed record ConformanceRow(OracleConfiguration Configuration, PathRecord Expected, PathRecord Predicted, GuestRun? Run, string? Error)
{
    /// <summary>The observed path, or null when the guest could not be run.</summary>
    public PathRecord? Observed => Run?.Observed;

    /// <summary>The model agrees with the kernel: its prediction is the observed path.</summary>
    public bool Agrees => Observed is { } o && Predicted.SameAs(o);

    /// <summary>The kernel did what its sources say.</summary>
    public bool KernelAsExpected => Observed is { } o && Expected.SameAs(o);
}
