namespace PanicPath.Model.Kernel;

/// <summary>The names scenario files and reports use for <see cref="Boundary"/> values.</summary>
public static class BoundaryNames
{
    private static readonly string[] Names = ["crash-kernel-boot", "restart", "end-of-panic", "end-of-oops", "end-of-warn", "host-stop", "host-reset", "host-pause", "hang"];

    /// <summary>Every name a scenario may use, in order.</summary>
    public static IEnumerable<string> Usable => Names.Take((int)Boundary.Hang);

    /// <summary>True for the ends the host makes: <c>host-stop</c>, <c>host-reset</c>, <c>host-pause</c>.</summary>
    public static bool IsHostEnd(Boundary boundary) => boundary is Boundary.HostStop or Boundary.HostReset or Boundary.HostPause;

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
