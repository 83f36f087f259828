namespace PanicPath.Model.Conformance.Oracle;

/// <summary>
/// Which priorities the module's three panic notifiers (a, b, c, registered in that order) and two die
/// notifiers (x, y) get.
/// </summary>
public enum PriorityArrangement
{
    /// <summary>a INT_MIN, b INT_MAX, c 0; x INT_MIN, y INT_MAX.</summary>
    Extremes,

    /// <summary>a INT_MIN+1, b INT_MIN, c INT_MIN+10; x INT_MIN+1, y INT_MIN.</summary>
    NearMin,

    /// <summary>All at 0: registration order decides.</summary>
    Equal,
}
