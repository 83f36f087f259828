using Microsoft.Extensions.Logging;
using PanicPath.Verification;

namespace PanicPath.Hosting;

/// <summary>
/// The start-up check of the registered plan: every violation the verifier finds is logged as a
/// warning (category <c>PanicPath.Plan</c>); with <see cref="PanicPathOptions.FailOnPlanViolation"/> the
/// host refuses to start instead, with every violation in the message.
/// </summary>
internal static class PlanCheck
{
    internal static IReadOnlyList<PlanViolation> Apply(PanicPlan plan, bool fail, ILogger logger)
    {
        var violations = PlanVerifier.Verify(plan);
        if (violations.Count == 0)
        {
            return violations;
        }

        if (fail)
        {
            throw new InvalidOperationException(
                $"The panic plan breaks its ordering rules ({violations.Count} violations):\n" + string.Join('\n', violations.Select(v => v.Message)));
        }

        foreach (var violation in violations)
        {
            logger.LogWarning("Panic plan violation: {Violation}", violation.Message);
        }

        return violations;
    }
}
