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

    /// <summary><c>reaches: boundary</c>: the run ends at that boundary.</summary>
    Reaches,

    /// <summary><c>happens: A</c>, <c>while: condition</c>, optional <c>by: [boundaries]</c>: every A happens while the condition holds, and A has happened by the time the run reaches those boundaries.</summary>
    HappensWhile,

    /// <summary><c>happens-before: {first: A, then: B}</c>: no B happens before an A.</summary>
    HappensBefore,
}
