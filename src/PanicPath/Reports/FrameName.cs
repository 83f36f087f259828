using System.Text.RegularExpressions;

namespace PanicPath.Reports;

/// <summary>
/// One stack frame reduced to the form a signature is made of, the same for a Debug and a Release build
/// and on every machine: <c>Namespace.Type.Method</c> with generic arity (<c>List`1</c>, <c>M[T]</c>) kept and
/// no <c>at </c>, parameter list, native or IL offset, file path or line number. Compiler-generated names
/// get one stable form: a lambda <c>&lt;Main&gt;b__0_1</c> is <c>Main.lambda</c>, an async or iterator state
/// machine <c>&lt;RunAsync&gt;d__5.MoveNext</c> is <c>RunAsync</c>, a local function <c>&lt;M&gt;g__Local|1_0</c> is
/// <c>M.Local</c>, and closure classes (<c>&lt;&gt;c</c>, <c>&lt;&gt;c__DisplayClass0_0</c>) vanish; nested types
/// are joined with <c>.</c>. Answers null for a frame that is no part of a crash's place: runtime and async
/// plumbing (<c>System.Runtime.CompilerServices.*</c>, <c>ExceptionDispatchInfo</c>, the
/// <c>--- End of stack trace ---</c> separators) and PanicPath's own frames (<see cref="IsPanicPath"/>: its
/// panic, fail-fast and exit paths, which are where a death ends, not where it happened). The in-process
/// report's signature and the supervisor's signatures of deaths without one are made of these forms.
/// <see cref="WithoutPanicPath"/> keeps frames as written but leaves out the panic path's frames on top of
/// a stack, for showing a crash.
/// </summary>
public static partial class FrameName
{
    /// <summary>Namespaces whose frames are plumbing, not the place of a crash.</summary>
    private static readonly string[] Dropped =
    [
        "System.Runtime.CompilerServices.",
        "System.Runtime.ExceptionServices.ExceptionDispatchInfo.",
    ];

    /// <summary>The namespaces of PanicPath's libraries (PanicPath and PanicPath.Hosting), each with the dot after it.</summary>
    private static readonly string[] Library =
    [
        "PanicPath.Dumps.", "PanicPath.Exit.", "PanicPath.Lists.", "PanicPath.Logging.", "PanicPath.Notifiers.",
        "PanicPath.Oops.", "PanicPath.Panics.", "PanicPath.Reports.", "PanicPath.Shutdown.", "PanicPath.Verification.",
        "PanicPath.Watchdog.", "PanicPath.Hosting.",
    ];

    /// <summary>The runtime's frames a panic path enters and leaves by: the unhandled-exception dispatch and fail-fast.</summary>
    private static readonly string[] Passage =
    [
        "System.Environment.FailFast",
        "System.AppContext.OnUnhandledException",
        "System.Runtime.EH.",
        "System.Threading.Thread.OnUnhandledException",
    ];

    /// <summary>The frame's normal form, or null when it is dropped (see <see cref="FrameName"/>).</summary>
    public static string? Normalise(string frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var text = frame.Trim();
        if (text.StartsWith("at ", StringComparison.Ordinal))
        {
            text = text[3..].TrimStart();
        }

        if (text.Length == 0 || text.StartsWith("---", StringComparison.Ordinal))
        {
            return null;
        }

        // " in /path/File.cs:line 12", " in File.cs:0", " + 0x1a", "[0x0001c]", " +0x1a" after the method.
        text = Location().Replace(text, string.Empty);
        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open >= 0)
        {
            text = text[..open];
        }

        text = text.Trim().Replace('+', '.').Replace('/', '.');
        var name = Rename(text);
        return name.Length == 0 || StartsWithAny(name, Dropped) || IsLibrary(name) ? null : name;
    }

    /// <summary>The normal forms of <paramref name="frames"/>, top first, dropped frames left out.</summary>
    public static IEnumerable<string> NormaliseAll(IEnumerable<string> frames) =>
        frames.Select(Normalise).OfType<string>();

    /// <summary>
    /// True for a frame of PanicPath's own libraries (the namespaces of PanicPath and PanicPath.Hosting, not an
    /// app's namespace that only starts like them, nor a <c>.Tests</c> namespace below them), in any form
    /// <see cref="Normalise"/> reads.
    /// </summary>
    public static bool IsPanicPath(string frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return IsLibrary(Method(frame));
    }

    /// <summary>
    /// <paramref name="frames"/> (top first, as written) without the panic path's frames on top: when the frames
    /// on top of the stack, PanicPath's own (<see cref="IsPanicPath"/>) and the runtime's that the path is entered
    /// and left by (<c>Environment.FailFast</c>, the unhandled-exception dispatch), include one of PanicPath's,
    /// all of them are left out, so that what remains starts where the app was when it died. Otherwise, and for
    /// PanicPath's frames further down (an app's handler called by a notifier chain), the frames are kept as they are.
    /// </summary>
    public static IReadOnlyList<string> WithoutPanicPath(IReadOnlyList<string> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var top = 0;
        var panicPath = false;
        while (top < frames.Count)
        {
            var method = Method(frames[top]);
            if (IsLibrary(method))
            {
                panicPath = true;
            }
            else if (!StartsWithAny(method, Passage))
            {
                break;
            }

            top++;
        }

        return panicPath ? [.. frames.Skip(top)] : frames;
    }

    /// <summary>The frame's method as written (<c>Namespace.Type.Method</c>, nested types joined with <c>.</c>), without <c>at </c>, arguments or location.</summary>
    private static string Method(string frame)
    {
        var text = frame.Trim();
        if (text.StartsWith("at ", StringComparison.Ordinal))
        {
            text = text[3..].TrimStart();
        }

        var open = text.IndexOf('(', StringComparison.Ordinal);
        return (open >= 0 ? text[..open] : text).Trim().Replace('+', '.');
    }

    private static bool IsLibrary(string name) =>
        StartsWithAny(name, Library) && !name.StartsWith("PanicPath.Hosting.Tests.", StringComparison.Ordinal);

    private static bool StartsWithAny(string name, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) || (name.Length + 1 == prefix.Length && prefix.StartsWith(name, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Splits on the dots outside angle brackets and renames each compiler-generated segment.</summary>
    private static string Rename(string text)
    {
        var segments = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] == '<' ? 1 : text[i] == '>' ? -1 : 0;
            if (text[i] == '.' && depth == 0)
            {
                segments.Add(text[start..i]);
                start = i + 1;
            }
        }

        segments.Add(text[start..]);
        var result = new List<string>();
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            if (segment.Length == 0 || Closure().IsMatch(segment))
            {
                continue;
            }

            if (StateMachine().Match(segment) is { Success: true } machine)
            {
                result.Add(machine.Groups["m"].Value);
                if (i + 1 < segments.Count && segments[i + 1] is "MoveNext" or "SetResult" or "SetException")
                {
                    i++;
                }

                continue;
            }

            if (Lambda().Match(segment) is { Success: true } lambda)
            {
                AddOwner(result, lambda.Groups["m"].Value);
                result.Add("lambda");
                continue;
            }

            if (LocalFunction().Match(segment) is { Success: true } local)
            {
                AddOwner(result, local.Groups["m"].Value);
                result.Add(local.Groups["l"].Value);
                continue;
            }

            result.Add(segment);
        }

        return string.Join('.', result);
    }

    /// <summary>Adds the enclosing method's name unless the previous segment (a state machine's) already is it.</summary>
    private static void AddOwner(List<string> result, string owner)
    {
        if (owner.Length > 0 && (result.Count == 0 || result[^1] != owner))
        {
            result.Add(owner);
        }
    }

    [GeneratedRegex(@"(\s+in\s+.*$)|(\s*\[0x[0-9a-fA-F]+\])|(\s*\+\s*0x[0-9a-fA-F]+)|(\s*:line\s+\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex Location();

    [GeneratedRegex(@"^<>c(__DisplayClass[\w]*)?(`\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Closure();

    [GeneratedRegex(@"^<(?<m>[^>]+)>d__\d+(`\d+)?(\[[^\]]*\])?$", RegexOptions.CultureInvariant)]
    private static partial Regex StateMachine();

    [GeneratedRegex(@"^<(?<m>[^>]*)>b__[\w]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Lambda();

    [GeneratedRegex(@"^<(?<m>[^>]*)>g__(?<l>[^|]+)\|[\w]+$", RegexOptions.CultureInvariant)]
    private static partial Regex LocalFunction();
}
