using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Expressions;

namespace PanicPath.Model.Scenarios.Actions.Profile;

/// <summary>
/// A profile's <c>if:</c> (or a bare <c>do:</c> block, whose condition is null): unlike a callback's <c>if</c> it is
/// not traced, because the kernel's own branches are not steps of their own; what they do is.
/// </summary>
public sealed class BranchAction(SourceLocation location, Expr? condition, ScenarioAction[] then, ScenarioAction[] otherwise) : ScenarioAction(location)
{
    public override Flow Execute(Machine machine) =>
        ExecuteAll(condition is null || condition.IsTrue(machine) ? then : otherwise, machine);

    internal override IEnumerable<ScenarioAction[]> Nested => [then, otherwise];
}
