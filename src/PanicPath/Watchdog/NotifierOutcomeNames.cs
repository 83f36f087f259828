namespace PanicPath.Watchdog;

/// <summary>The wire names of <see cref="NotifierOutcome"/>: ran, threw, timed-out, skipped, abandoned.</summary>
public static class NotifierOutcomeNames
{
    /// <summary>The name the report uses.</summary>
    public static string Of(NotifierOutcome outcome) => outcome switch
    {
        NotifierOutcome.Ran => "ran",
        NotifierOutcome.Threw => "threw",
        NotifierOutcome.TimedOut => "timed-out",
        NotifierOutcome.Skipped => "skipped",
        NotifierOutcome.Abandoned => "abandoned",
        _ => "unknown",
    };
}
