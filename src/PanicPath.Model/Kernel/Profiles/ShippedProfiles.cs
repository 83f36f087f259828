using System.Reflection;

namespace PanicPath.Model.Kernel.Profiles;

/// <summary>
/// The kernel profiles shipped inside the tool, as embedded resources (nothing read from disk, trim- and AOT-safe),
/// and the names <c>kernel:</c> gives them: <c>mainline</c> is <see cref="NewestMainline"/>, <c>series</c> is <c>series-v1</c>.
/// </summary>
public static class ShippedProfiles
{
    /// <summary>What <c>kernel: mainline</c> and no <c>kernel:</c> mean: the newest mainline profile shipped.</summary>
    public const string NewestMainline = "mainline-6.12";

    /// <summary>Every shipped profile's name, newest mainline first.</summary>
    public static readonly string[] Names = ["mainline-6.12", "mainline-6.1", "mainline-5.18", "series-v1"];

    /// <summary>The shipped profile <paramref name="text"/> names (a name, or the alias <c>mainline</c> or <c>series</c>), or null.</summary>
    public static string? Resolve(string? text, out bool alias)
    {
        alias = text is "mainline" or "series";
        return text switch
        {
            "mainline" => NewestMainline,
            "series" => "series-v1",
            _ => Array.IndexOf(Names, text) >= 0 ? text : null,
        };
    }

    /// <summary>The text of shipped profile <paramref name="name"/>.</summary>
    public static string Text(string name)
    {
        using var stream = typeof(ShippedProfiles).Assembly.GetManifestResourceStream($"PanicPath.Model.Kernel.Profiles.{name}.yaml")
            ?? throw new ArgumentException($"no shipped kernel profile '{name}'", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The file name errors in shipped profile <paramref name="name"/> are located in.</summary>
    public static string FileName(string name) => name + ".yaml";
}
