using System.Globalization;

namespace PanicPath.Supervisor.Deaths;

/// <summary>
/// The signature of a death without an in-process report: FNV-1a (64 bits, 16 hex digits) over the cause,
/// the exception type or signal, and the top <see cref="TopFrames"/> managed frames. Deaths at the same
/// place share it across runs; a report's own signature is used instead when there is one.
/// </summary>
public static class DeathSignature
{
    /// <summary>How many frames, from the top, go into a signature.</summary>
    public const int TopFrames = 5;

    /// <summary>The signature of the parts, in order.</summary>
    public static string Of(string cause, string? what, IEnumerable<string> frames)
    {
        var hash = 14695981039346656037UL;
        hash = Mix(hash, cause);
        hash = Mix(hash, what ?? string.Empty);
        foreach (var frame in frames.Take(TopFrames))
        {
            hash = Mix(hash, frame);
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    private static ulong Mix(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (hash ^ '|') * 1099511628211UL;
    }
}
