namespace PanicPath.Model.Scenarios.Races;

/// <summary>
/// A labelled step of the kernel profile a race may start at: its function, its label, and whether it has a
/// <see cref="RaceMoment.During"/> point (a <c>crash-kexec</c> primitive inside it). <see cref="Name"/> is how a
/// scenario and reports write it: the label alone when no other function has it, else <c>function.label</c>.
/// </summary>
public sealed record RaceStep(string Function, string Label, bool HasDuring)
{
    /// <summary>The step as written in <c>at:</c> and in the race's text; set once every function is compiled.</summary>
    public string Name { get; internal set; } = Label;
}
