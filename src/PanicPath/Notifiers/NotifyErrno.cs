namespace PanicPath.Notifiers;

/// <summary>
/// Conversions between a negative errno and a <see cref="NotifyResult"/>, as
/// <c>notifier_from_errno</c> and <c>notifier_to_errno</c> do: an error becomes a stopping result
/// that carries the errno, and a result converts back to the errno it carries, or 0.
/// </summary>
public static class NotifyErrno
{
    /// <summary>
    /// 0 gives <see cref="NotifyResult.Ok"/>; a non-zero errno (negative, kernel style) gives the stop
    /// bit with <c>Ok - errno</c> in the low bits.
    /// </summary>
    public static NotifyResult FromErrno(int errno) =>
        errno == 0 ? NotifyResult.Ok : NotifyResult.StopMask | (NotifyResult)((int)NotifyResult.Ok - errno);

    /// <summary>
    /// The errno a result carries: with the stop bit cleared, a value above <see cref="NotifyResult.Ok"/>
    /// gives <c>Ok - value</c> (negative); anything else gives 0.
    /// </summary>
    public static int ToErrno(NotifyResult result)
    {
        var value = (int)(result & ~NotifyResult.StopMask);
        return value > (int)NotifyResult.Ok ? (int)NotifyResult.Ok - value : 0;
    }
}
