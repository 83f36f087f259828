namespace PanicPath.Model.Kernel;

/// <summary>
/// The machine's entry points besides <c>panic()</c>: an oops, a warning and an NMI handler's panic, each the profile
/// function of that name run on the running CPU (<c>die</c>, <c>__warn</c>, <c>nmi_panic</c>). These, with
/// <see cref="Panic"/>, are the only ways an entry starts, whichever CPU it starts on.
/// </summary>
public sealed partial class Machine
{
    /// <summary>An oops on the running CPU: the profile's <c>die()</c> (with <c>oops_end()</c> and what it calls).</summary>
    private void Oops() => Enter("oops", scenario.Profile.Die, string.Empty);

    /// <summary>A <c>WARN()</c> on the running CPU: the profile's <c>__warn()</c>.</summary>
    private void Warn() => Enter("warn", scenario.Profile.Warn, string.Empty);

    /// <summary>An NMI handler's <c>nmi_panic(<paramref name="message"/>)</c> on the running CPU: the profile's <c>nmi_panic()</c>.</summary>
    private void NmiPanic(string message) => Enter("nmi", scenario.Profile.NmiPanic, message);

    /// <summary>Runs entry function <paramref name="body"/> in trace context <paramref name="where"/>, <c>{arg}</c> being <paramref name="argument"/>.</summary>
    private void Enter(string where, Scenarios.Actions.ScenarioAction[] body, string argument)
    {
        if (Ended)
        {
            return;
        }

        var savedArgument = Argument;
        context = where;
        callback = string.Empty;
        Argument = argument;
        if (EnterFunction())
        {
            Scenarios.Actions.ScenarioAction.ExecuteAll(body, this);
            LeaveFunction();
        }

        Argument = savedArgument;
    }
}
