using PanicPath.Notifiers;

namespace PanicPath.Tests.Notifiers;

/// <summary>Handler factories for tests that need distinct handler instances.</summary>
internal static class Handlers
{
    /// <summary>A new no-op handler instance each call (a fresh closure, so never refused as a duplicate).</summary>
    public static NotifierHandler<int> NoOp()
    {
        var box = new object();
        return (in int e) => box is null ? NotifyResult.Bad : NotifyResult.Done;
    }
}
