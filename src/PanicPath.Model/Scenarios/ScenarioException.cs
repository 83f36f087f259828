namespace PanicPath.Model.Scenarios;

/// <summary>
/// A scenario file that cannot be compiled. The message always starts with the place,
/// <c>file:line:column: expected …</c>, so an editor can jump to it.
/// </summary>
public sealed class ScenarioException : Exception
{
    /// <summary>Creates the error at <paramref name="location"/> saying what was <paramref name="expected"/>.</summary>
    public ScenarioException(SourceLocation location, string expected)
        : base($"{location}: expected {expected}")
    {
        Location = location;
        Expected = expected;
    }

    /// <summary>Where the error is.</summary>
    public SourceLocation Location { get; }

    /// <summary>What the file should have had at that place.</summary>
    public string Expected { get; }
}
