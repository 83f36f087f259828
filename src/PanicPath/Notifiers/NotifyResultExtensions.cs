namespace PanicPath.Notifiers;

/// <summary>Tests on a <see cref="NotifyResult"/> that the kernel spells as bit operations.</summary>
public static class NotifyResultExtensions
{
    /// <summary>True when the stop bit is set: the walk of the chain ends after this handler.</summary>
    public static bool Stops(this NotifyResult result) => (result & NotifyResult.StopMask) != 0;
}
