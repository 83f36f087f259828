namespace PanicPath.Benchmarks.Notifiers;

/// <summary>What the no-op handlers of a benchmark look like to the JIT.</summary>
public enum HandlerKind
{
    /// <summary>
    /// A method the JIT will not inline: what a registered handler is in practice, since handlers come
    /// from other components and are many distinct methods.
    /// </summary>
    Opaque,

    /// <summary>
    /// A tiny method the JIT may inline into a loop by guarded devirtualisation when every delegate
    /// points at it: the best case for a raw delegate loop.
    /// </summary>
    Inlinable,
}
