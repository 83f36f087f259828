namespace PanicPath.Model.Conformance.Oracle;

/// <summary>
/// What a disagreement between the model and the kernel does to the build. The model is known to disagree
/// with the kernel in places that the model's conformance fixes will address; until they land, the
/// comparison is computed and printed (the table, <c>run</c>'s last line) but does not fail. Turning
/// <see cref="DisagreementFails"/> to true makes every disagreeing configuration a failing test.
/// </summary>
public static class ConformancePolicy
{
    /// <summary>When true, a configuration where the model's prediction differs from the observed kernel fails its test.</summary>
    public const bool DisagreementFails = false;
}
