namespace PanicPath.Verification;

/// <summary>
/// One broken rule in one configuration: the rule, the resource, the step at fault (the one that needs
/// a released resource, or the last step of the path), and the order of steps that breaks it.
/// </summary>
public sealed record PlanViolation(PlanConfiguration Configuration, PlanRule Rule, string Resource, string Step, IReadOnlyList<string> Order)
{
    /// <summary>A one-line description naming configuration, rule, resource and order.</summary>
    public string Message => Rule switch
    {
        PlanRule.NeededAfterRelease =>
            $"[{Configuration}] '{Step}' needs '{Resource}' after it was released; order: {string.Join(" -> ", Order)}",
        _ =>
            $"[{Configuration}] '{Resource}' is never released; order: {string.Join(" -> ", Order)}",
    };

    /// <inheritdoc />
    public override string ToString() => Message;
}
