using PanicPath.Dumps;
using PanicPath.Lists;

namespace PanicPath.Verification;

/// <summary>One configuration the verifier walks: dump policy, crash capture armed or not, platform.</summary>
public readonly record struct PlanConfiguration(DumpPolicy Policy, bool CaptureArmed, CrashPlatform Platform)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"policy={Policy}, capture={(CaptureArmed ? "armed" : "unarmed")}, platform={Platform.Name}";
}
