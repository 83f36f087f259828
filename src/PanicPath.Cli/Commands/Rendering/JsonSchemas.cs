namespace PanicPath.Cli.Commands.Rendering;

/// <summary>
/// The schema id of each JSON document the command prints, written as the document's first property,
/// <c>"schema": "panicpath.&lt;document&gt;/&lt;version&gt;"</c>. The version goes up whenever the document's shape changes
/// (a property renamed, moved or removed, a top-level array made an object); docs/json.md lists every document with its
/// id and fields. Property names are camelCase; only the documented data-key maps (a configuration's knob and feature
/// names) keep the kernel's spelling.
/// </summary>
internal static class JsonSchemas
{
    /// <summary><c>explore FILE --json</c>: one scenario's summary (2: trace steps' <c>time_us</c> became <c>timeUs</c>).</summary>
    public const string Explore = "panicpath.explore/2";

    /// <summary><c>explore FILE --json --all-traces</c>: one scenario's every violation (2: <c>timeUs</c>).</summary>
    public const string ExploreViolations = "panicpath.explore-violations/2";

    /// <summary><c>explore FILE FILE… --json</c>: one explore document per file in <c>explorations</c> (2: an object, was an array).</summary>
    public const string Explorations = "panicpath.explorations/2";

    /// <summary><c>trace FILE --config … --json</c>: one configuration's run (2: <c>timeUs</c>).</summary>
    public const string Trace = "panicpath.trace/2";

    /// <summary><c>diff OLD NEW --json</c> (2: <c>newly_violated</c>, <c>only_in</c>, <c>time_us</c> became camelCase).</summary>
    public const string Diff = "panicpath.diff/2";

    /// <summary><c>kernel list --json</c>: the shipped profiles in <c>profiles</c> (2: an object, was an array).</summary>
    public const string Kernels = "panicpath.kernels/2";

    /// <summary><c>reports list --json</c>: the deaths in <c>deaths</c> (2: an object, was an array).</summary>
    public const string Deaths = "panicpath.deaths/2";

    /// <summary><c>reports show ID --json</c>: one death (1: unchanged but for <c>schema</c>).</summary>
    public const string Death = "panicpath.death/1";

    /// <summary><c>reports buckets --json</c>: the buckets in <c>buckets</c> (2: an object, was an array).</summary>
    public const string Buckets = "panicpath.buckets/2";

    /// <summary><c>demo --json</c>: the demo's death and its bucket (1: unchanged but for <c>schema</c>).</summary>
    public const string Demo = "panicpath.demo/1";

    /// <summary>Every schema id above.</summary>
    public static IReadOnlyList<string> All { get; } = [Explore, ExploreViolations, Explorations, Trace, Diff, Kernels, Deaths, Death, Buckets, Demo];
}
