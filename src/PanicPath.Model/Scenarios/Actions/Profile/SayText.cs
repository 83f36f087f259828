using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Expressions;

namespace PanicPath.Model.Scenarios.Actions.Profile;

/// <summary>The compiled text of a profile's <c>say:</c>: literal pieces, and values (with their kind) formatted between them.</summary>
public sealed class SayText(string[] literals, Expr[] values)
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
            text.Append(literals[i]).Append(machine.Scenario.Symbols.Format(values[i].Eval(machine), values[i].Kind));
        }

        return text.Append(literals[^1]).ToString();
    }
}
