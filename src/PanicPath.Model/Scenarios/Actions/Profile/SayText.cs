using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Expressions;

namespace PanicPath.Model.Scenarios.Actions.Profile;

/// <summary>
/// The compiled text of a profile's <c>say:</c> (and of the texts a step passes on: a call's <c>arg:</c>, the message of
/// <c>panic:</c>): literal pieces, and values (with their kind) formatted between them. A null value is <c>{arg}</c>, the
/// text the running function was called with (<see cref="Machine.Argument"/>).
/// </summary>
public sealed class SayText(string[] literals, Expr?[] values)
{
    /// <summary>The text with every value formatted; <c>literals[i]</c> comes before <c>values[i]</c>, the last literal last.</summary>
    public string Format(Machine machine)
    {
        if (values.Length == 0)
        {
            return literals[0];
        }

        var text = new System.Text.StringBuilder();
        for (var i = 0; i < values.Length; i++)
        {
            text.Append(literals[i]);
            if (values[i] is { } value)
            {
                text.Append(machine.Scenario.Symbols.Format(value.Eval(machine), value.Kind));
            }
            else
            {
                text.Append(machine.Argument);
            }
        }

        return text.Append(literals[^1]).ToString();
    }
}
