using System.Runtime.CompilerServices;
using PanicPath.Notifiers;

namespace PanicPath.Benchmarks.Notifiers;

/// <summary>A no-op handler object; each instance gives a distinct delegate, as distinct registrations have.</summary>
public sealed class NoOpHandler
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public NotifyResult Opaque(in BenchEvent e) => NotifyResult.Done;

    public NotifyResult Inlinable(in BenchEvent e) => NotifyResult.Done;

    public static NotifierHandler<BenchEvent> Create(HandlerKind kind)
    {
        var target = new NoOpHandler();
        return kind == HandlerKind.Opaque ? target.Opaque : target.Inlinable;
    }
}
