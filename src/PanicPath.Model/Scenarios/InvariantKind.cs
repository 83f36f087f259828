namespace PanicPath.Model.Scenarios;

/// <summary>The kinds of invariant a scenario can state.</summary>
public enum InvariantKind
{
    /// <summary><c>at: [boundaries]</c>, <c>expect: condition</c>: the condition holds when the run reaches one of the boundaries.</summary>
    AtBoundary,

    /// <summary><c>exactly-once: event</c>: over the whole run the event happens once.</summary>
    ExactlyOnce,

    /// <summary><c>at-most-once: event</c>: over the whole run the event happens at most once.</summary>
    AtMostOnce,

    /// <summary><c>terminates: true</c>: the run reaches a boundary.</summary>
    Terminates,

    /// <summary>
    /// <c>reaches: [boundaries]</c>, optional <c>expect: condition</c>: the run ends at one of the boundaries (a hang
    /// breaks it), and the condition holds there.
    /// </summary>
    Reaches,

    /// <summary>
    /// <c>happens: A</c> with <c>while: condition</c>, <c>by: [boundaries]</c> or both: every A happens while the
    /// condition holds; A has happened when the run reaches one of the <c>by</c> boundaries, and a run that hangs
    /// before reaching any of them without A misses the deadline too. A run that ends at a boundary not in
    /// <c>by</c> never came to the deadline: that part is not checked there.
    /// </summary>
    HappensWhile,

    /// <summary><c>happens-before: {first: A, then: B}</c>: no B happens before an A.</summary>
    HappensBefore,

    /// <summary>
    /// <c>at-least-once: event</c>: the event happens in the run, whatever the run's end; a run that hangs, or ends
    /// at any boundary, before the event breaks it.
    /// </summary>
    AtLeastOnce,

    /// <summary>
    /// <c>by: boundary within 10s</c> (or <c>by: [boundaries]</c> with <c>within: 10s</c>): a run that comes to one of
    /// the boundaries comes to it within the bound of the model clock; a run that hangs, or that the host ends at an
    /// end not listed, never comes to it and misses the bound; a run that ends at another kernel boundary is not checked.
    /// </summary>
    ReachedWithin,
}
