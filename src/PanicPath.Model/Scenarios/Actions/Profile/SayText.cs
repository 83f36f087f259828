using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Expressions;

namespace PanicPath.Model.Scenarios.Actions.Profile;

/// <summary>
/// The compiled text of a profile's <c>say:</c> (and of the texts a step passes on: a call's <c>arg:</c>, the message of
/// <c>panic:</c>): literal pieces, and values (with their kind) formatted between them. A null value is <c>{arg}</c>, the
/// text the running function was called with (<see cref="Machine.Argument"/>). A text longer than
/// <see cref="MaxLength"/> characters is cut there and ends in <c>…</c>: functions that pass <c>{arg}{arg}</c> to each
/// other would otherwise double it at every call.
/// </summary>
public sealed class SayText(string[] literals, Expr?[] values)
{
    /// <summary>The longest text a step formats, in characters, the closing <c>…</c> of a cut one not counted.</summary>
    public const int MaxLength = 4096;

    /// <summary>
    /// The text with every value formatted; <c>literals[i]</c> comes before <c>values[i]</c>, the last literal last;
    /// cut at <see cref="MaxLength"/> characters.
    /// </summary>
    public string Format(Machine machine)
    {
        if (values.Length == 0)
        {
            return literals[0];
        }

        var text = new System.Text.StringBuilder();
        for (var i = 0; i < values.Length; i++)
        {
            if (!Append(text, literals[i])
                || !Append(text, values[i] is { } value ? machine.Scenario.Symbols.Format(value.Eval(machine), value.Kind) : machine.Argument))
            {
                return text.Append('…').ToString();
            }
        }

        return Append(text, literals[^1]) ? text.ToString() : text.Append('…').ToString();
    }

    /// <summary>Appends <paramref name="piece"/> up to <see cref="MaxLength"/> characters in all; false when it had to cut.</summary>
    private static bool Append(System.Text.StringBuilder text, string piece)
    {
        var room = MaxLength - text.Length;
        if (piece.Length <= room)
        {
            text.Append(piece);
            return true;
        }

        text.Append(piece, 0, room);
        return false;
    }
}
