namespace PanicPath.Model.Conformance.Oracle;

/// <summary>
/// What a disagreement between the model and the kernel does to the build: every configuration agrees,
/// so a disagreement is a model bug and fails its configuration's test. The comparison is also printed
/// (the table, <c>run</c>'s last line). Turning <see cref="DisagreementFails"/> off makes the comparison
/// report-only again, for the time a new kernel variant is being brought into agreement.
/// </summary>
public static class ConformancePolicy
{
    /// <summary>When true, a configuration where the model's prediction differs from the observed kernel fails its test.</summary>
    public const bool DisagreementFails = true;
}
