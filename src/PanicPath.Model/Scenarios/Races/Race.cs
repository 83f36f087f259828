using PanicPath.Model.Kernel;

namespace PanicPath.Model.Scenarios.Races;

/// <summary>
/// One value of the scenario's race dimension (<c>race:</c>): when the first CPU reaches <see cref="Moment"/> of the
/// profile's labelled step <see cref="Step"/> (an index into <see cref="Scenario.RaceSteps"/>), another CPU enters
/// the fatal path by <see cref="Does"/>. <see cref="None"/>, the dimension's first value, is no race. <see cref="Text"/>
/// is how reports and <c>--config</c> write it: <c>none</c>, or <c>panic before claim-panic-cpu</c>.
/// </summary>
public sealed record Race(EntryPoint Does, int Step, RaceMoment Moment, string Text)
{
    /// <summary>No second CPU races.</summary>
    public static readonly Race None = new(EntryPoint.Panic, -1, RaceMoment.Before, "none");
}
