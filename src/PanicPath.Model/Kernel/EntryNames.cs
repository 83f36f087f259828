namespace PanicPath.Model.Kernel;

/// <summary>The names scenario files and reports use for <see cref="EntryPoint"/> values.</summary>
public static class EntryNames
{
    /// <summary>Every entry's name, in <see cref="EntryPoint"/> order.</summary>
    public static readonly string[] All = ["panic", "oops", "warn", "nmi"];

    /// <summary>The name of <paramref name="entry"/>.</summary>
    public static string Name(EntryPoint entry) => All[(int)entry];

    /// <summary>Parses an entry name.</summary>
    public static bool TryParse(string? text, out EntryPoint entry)
    {
        var i = Array.IndexOf(All, text);
        entry = (EntryPoint)Math.Max(i, 0);
        return i >= 0;
    }
}
