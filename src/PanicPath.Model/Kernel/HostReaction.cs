using PanicPath.Model.Scenarios;
using PanicPath.Model.Scenarios.Expressions;

namespace PanicPath.Model.Kernel;

/// <summary>
/// One entry of a scenario's <c>host:</c> list: when event <see cref="On"/> happens — for <c>host-report</c>, only a
/// report of <see cref="Kind"/> when one is given — and <see cref="If"/> holds at that moment, the host answers
/// with <see cref="Response"/> before the guest runs on. Reactions fire in file order; once one ends the run the
/// others do not.
/// </summary>
public sealed class HostReaction(SourceLocation location, int on, string? kind, Expr? condition, string? conditionText, HostResponse response)
{
    /// <summary>Where the reaction is written.</summary>
    public SourceLocation Location { get; } = location;

    /// <summary>The event it answers (an index into <see cref="Scenario.Events"/>).</summary>
    public int On { get; } = on;

    /// <summary>With <c>on: host-report</c>, the only report kind it answers; otherwise null.</summary>
    public string? Kind { get; } = kind;

    /// <summary>The condition evaluated when the event happens; null: always.</summary>
    public Expr? If { get; } = condition;

    /// <summary>The condition as written, for the trace.</summary>
    public string? IfText { get; } = conditionText;

    /// <summary>What the host does.</summary>
    public HostResponse Response { get; } = response;

    /// <summary>With <see cref="HostResponse.Write"/>, the state the host writes and its value; otherwise null.</summary>
    public Scenarios.Actions.SetAction? Write { get; init; }
}
