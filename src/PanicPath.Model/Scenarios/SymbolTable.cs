namespace PanicPath.Model.Scenarios;

/// <summary>
/// The named constants of a scenario (<c>x86_64</c>, <c>DIE_OOPS</c>, <c>connected</c>), each encoded as
/// an integer no ordinary value uses, and the way back from an encoded value to its text.
/// </summary>
public sealed class SymbolTable
{
    /// <summary>The first encoded symbol; integers in scenarios stay far below it.</summary>
    public const int Base = 1 << 28;

    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly List<string> names = [];

    /// <summary>Answers the code of <paramref name="name"/>, adding it when new.</summary>
    public int Intern(string name)
    {
        if (!ids.TryGetValue(name, out var id))
        {
            id = Base + names.Count;
            ids.Add(name, id);
            names.Add(name);
        }

        return id;
    }

    /// <summary>True when <paramref name="name"/> is a known symbol; gives its code.</summary>
    public bool TryGet(string name, out int id) => ids.TryGetValue(name, out id);

    /// <summary>The text of a value of <paramref name="kind"/>.</summary>
    public string Format(int value, ValueKind kind) => kind switch
    {
        ValueKind.Bool => value != 0 ? "true" : "false",
        ValueKind.Symbol when value >= Base && value - Base < names.Count => names[value - Base],
        _ => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
