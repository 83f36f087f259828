namespace PanicPath.Model.Scenarios.Actions;

/// <summary>What happens after an action: the next action, a return from the callback or helper, or the end of the run.</summary>
public enum Flow
{
    Next,
    Return,
    Ended,
}
