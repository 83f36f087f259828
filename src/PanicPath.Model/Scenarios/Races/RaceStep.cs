namespace PanicPath.Model.Scenarios.Races;

/// <summary>
/// A labelled step of the kernel profile a race may start at: its function and its label. <see cref="Name"/> is how a
/// scenario and reports write it: the label alone for the first function (in the profile's order) with that label,
/// <c>function.label</c> for the others.
/// </summary>
public sealed record RaceStep(string Function, string Label)
{
    /// <summary>The step as written in <c>at:</c> and in the race's text; set once every function is compiled.</summary>
    public string Name { get; internal set; } = Label;
}
