namespace PanicPath.Model.Scenarios.Races;

/// <summary>Where, relative to a labelled step of the kernel profile, the second CPU of a race starts.</summary>
public enum RaceMoment
{
    /// <summary>Before the step runs.</summary>
    Before,

    /// <summary>After the step has run (a step that returns or ends the run has no after).</summary>
    After,
}
