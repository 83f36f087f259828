namespace PanicPath.Model.Kernel;

/// <summary>The names scenario files and reports use for <see cref="Boundary"/> values.</summary>
public static class BoundaryNames
{
    private static readonly string[] Names = ["crash-kernel-boot", "restart", "end-of-panic", "end-of-oops", "end-of-warn", "hang"];

    /// <summary>The name of <paramref name="boundary"/>.</summary>
    public static string Name(Boundary boundary) => Names[(int)boundary];

    /// <summary>Parses a boundary name usable in a scenario (not <c>hang</c>).</summary>
    public static bool TryParse(string text, out Boundary boundary)
    {
        var i = Array.IndexOf(Names, text);
        boundary = (Boundary)Math.Max(i, 0);
        return i >= 0 && i < (int)Boundary.Hang;
    }
}
