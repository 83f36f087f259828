using System.Globalization;
using PanicPath.Reports;

namespace PanicPath.Supervisor.Deaths;

/// <summary>
/// The signature of a death without an in-process report: FNV-1a (64 bits, 16 hex digits) over the cause,
/// the exception type or signal, and the top <see cref="TopFrames"/> managed frames in their normal form
/// (<see cref="FrameName"/>: no offsets, lines or paths, compiler-generated names made stable, plumbing and
/// PanicPath's own frames left out). Deaths at the same place share it across runs, across Debug and Release
/// builds and across machines; a report's own signature is used instead when there is one. An exit-code
/// death's signature (<see cref="OfExit"/>) is made of the command (<see cref="CommandName"/>) and the code.
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
        foreach (var frame in FrameName.NormaliseAll(frames).Take(TopFrames))
        {
            hash = Mix(hash, frame);
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The signature of a process that exited with <paramref name="code"/>: the cause, the code and the
    /// command in its normal form (<see cref="CommandName.Normalise"/>), so that two commands exiting with the
    /// same code are two buckets and one command exiting with it again is the same one. Without a command
    /// (records made before commands were part of it) it is the cause and code alone.
    /// </summary>
    public static string OfExit(string cause, int code, string? command)
    {
        var what = code.ToString(CultureInfo.InvariantCulture);
        return command is { Length: > 0 } ? Of(cause, what, [], CommandName.Normalise(command)) : Of(cause, what, []);
    }

    private static string Of(string cause, string what, IEnumerable<string> frames, string command)
    {
        var hash = Convert.ToUInt64(Of(cause, what, frames), 16);
        return Mix(hash, command).ToString("x16", CultureInfo.InvariantCulture);
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
