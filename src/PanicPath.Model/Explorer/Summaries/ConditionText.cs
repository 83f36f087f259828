using System.Text;

namespace PanicPath.Model.Explorer.Summaries;

/// <summary>
/// A conjunction as a reader writes it, over the dimensions of an <see cref="EffectiveSpace"/>:
/// <c>arch == arm64 &amp;&amp; kexec_crash_loaded &amp;&amp; !crash_msrs &amp;&amp; entry == panic</c>. A boolean reads bare or negated;
/// another dimension reads <c>name == value</c>, <c>name != value</c> (every value but one) or <c>name in {a, b}</c>;
/// a value other than letters, digits and underscores (a fault such as <c>stopped-cpu-holds(ring_lock)</c>) is
/// quoted. A conjunction without literals reads <c>always</c>.
/// </summary>
public static class ConditionText
{
    /// <summary>The text of <paramref name="conjunction"/>, its literals joined by <c>&amp;&amp;</c> in dimension order.</summary>
    public static string Format(Conjunction conjunction, IReadOnlyList<SpaceDimension> dimensions) =>
        conjunction.Literals.Count == 0 ? "always" : string.Join(" && ", conjunction.Literals.Select(l => Format(l, dimensions[l.Dimension])));

    /// <summary>The text of <paramref name="literal"/> over <paramref name="dimension"/>.</summary>
    public static string Format(Literal literal, SpaceDimension dimension)
    {
        var name = dimension.Name;
        if (dimension.Kind == DimensionKind.Bool && literal.Values.Count == 1 && dimension.Values.Count == 2)
        {
            return dimension.Values[literal.Values[0]] == "true" ? name : "!" + name;
        }

        if (literal.Values.Count == 1)
        {
            return $"{name} == {Value(dimension, literal.Values[0])}";
        }

        if (literal.Values.Count == dimension.Values.Count - 1)
        {
            var missing = Enumerable.Range(0, dimension.Values.Count).First(v => !literal.Values.Contains(v));
            return $"{name} != {Value(dimension, missing)}";
        }

        return $"{name} in {{{string.Join(", ", literal.Values.Select(v => Value(dimension, v)))}}}";
    }

    private static string Value(SpaceDimension dimension, int index)
    {
        var text = dimension.Values[index];
        if (dimension.Kind == DimensionKind.Int || (text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
        {
            return text;
        }

        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c is '"' or '\\' ? "\\" + c : c.ToString());
        }

        return quoted.Append('"').ToString();
    }
}
