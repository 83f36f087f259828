namespace PanicPath.Notifiers;

/// <summary>
/// What a notifier handler answers, with the bits of the kernel's <c>NOTIFY_*</c> values
/// (include/linux/notifier.h). A result whose <see cref="StopMask"/> bit is set ends the walk of the
/// chain; the other bits are the handler's verdict. Values outside the named ones are legal: an
/// errno carried by <see cref="NotifyErrno.FromErrno"/> is encoded in the low bits.
/// </summary>
[Flags]
public enum NotifyResult
{
    /// <summary><c>NOTIFY_DONE</c>: the handler does not care.</summary>
    Done = 0x0000,

    /// <summary><c>NOTIFY_OK</c>: the handler is content.</summary>
    Ok = 0x0001,

    /// <summary><c>NOTIFY_STOP_MASK</c>: call no further handler.</summary>
    StopMask = 0x8000,

    /// <summary><c>NOTIFY_BAD</c>: the handler vetoes the action; the walk stops.</summary>
    Bad = StopMask | 0x0002,

    /// <summary><c>NOTIFY_STOP</c>: the handler is content and the walk stops.</summary>
    Stop = Ok | StopMask,
}
