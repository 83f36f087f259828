namespace PanicPath.Model.Conformance.Oracle;

/// <summary>
/// How long a guest may take. <see cref="Silence"/> decides "hung": once the fatal path is triggered, a
/// console that stays silent that long (with QEMU still running and no end reached) is a hang.
/// <see cref="Total"/> bounds a whole run (both boots of a restart).
/// </summary>
public sealed record BootLimits(TimeSpan Silence, TimeSpan Total)
{
    /// <summary>The limits the oracle uses: 25 s of silence, 6 minutes in all.</summary>
    public static readonly BootLimits Default = new(TimeSpan.FromSeconds(25), TimeSpan.FromMinutes(6));
}
