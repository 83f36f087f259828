namespace PanicPath.Oops;

/// <summary>
/// What the die chain's handlers receive for an oops (the kernel's <c>DIE_OOPS</c>): the reason, the
/// exception if any, the unit of work that failed, and whether the oops will escalate to a panic.
/// </summary>
public readonly record struct OopsEvent(string Reason, Exception? Exception, string? Unit, bool WillPanic);
