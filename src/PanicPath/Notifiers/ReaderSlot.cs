using System.Runtime.InteropServices;

namespace PanicPath.Notifiers;

/// <summary>
/// One thread's read-side counter for <see cref="ReadSide"/>: odd while the thread is inside a walk.
/// Sized to a cache line of its own so that threads walking at once do not share one.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 64)]
internal sealed class ReaderSlot
{
    [FieldOffset(0)]
    internal long Value;
}
