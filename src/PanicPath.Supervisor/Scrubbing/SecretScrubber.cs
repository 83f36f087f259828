using System.Text.RegularExpressions;
using PanicPath.Reports;
using PanicPath.Supervisor.Deaths;

namespace PanicPath.Supervisor.Scrubbing;

/// <summary>
/// Masks secrets in the text of a death before anything leaves the supervisor (the store's rows, the
/// slot, the death sinks). The built-in rules (<see cref="Default"/>) keep the key and replace the value
/// with <see cref="Mask"/>, so a reader sees what was hidden:
/// <list type="bullet">
/// <item><c>KEY=value</c>, <c>KEY: value</c> and <c>"KEY": "value"</c> whose key contains password, passwd, pwd,
/// token, secret, api key (<c>apikey</c>, <c>api_key</c>, <c>api-key</c>), connection string or credential, in any case
/// (so connection strings' <c>Password=…;</c> and <c>Pwd=…</c>, URL queries' <c>?token=…</c>, <c>--token=…</c>);
/// with a colon, a key ending in <c>Exception</c> or <c>Error</c> is a type name before its message, not a key, and a
/// value that is a <c>0x</c> number of 64 bits or less (the runtime crash report's method <c>"token"</c>s) is no secret;</item>
/// <item>an option whose name holds one of those words, followed by its value as the next word
/// (<c>--password X</c>, <c>-client-secret X</c>); a next word starting with <c>-</c> is the next option, left alone.
/// A single-letter option (<c>-p X</c>) is left alone: it is a password for some programs and a port for most;</item>
/// <item>the password of a URL's user information (<c>scheme://user:***@host</c>);</item>
/// <item>the credentials of an <c>Authorization</c> header and any <c>Bearer</c> token.</item>
/// </list>
/// Extra patterns (<see cref="Pattern"/>) replace their whole match with the mask. Every pattern runs in
/// bounded time: the built-in ones are source-generated, linear in practice, stopped by a timeout per match and
/// by a budget per text;
/// extra ones run on the non-backtracking engine (linear in the input). Text whose scrubbing times out is
/// replaced whole (<see cref="TimedOut"/>): it fails closed. <see cref="None"/> changes nothing.
/// </summary>
public sealed partial class SecretScrubber
{
    /// <summary>What a masked value becomes.</summary>
    public const string Mask = "***";

    /// <summary>What a text becomes when its scrubbing did not finish in time.</summary>
    public const string TimedOut = "*** (not shown: scrubbing it took too long)";

    private const int TimeoutMs = 1000;

    /// <summary>The most the keyed rules may take over one text, however many matches it holds.</summary>
    private const int BudgetMs = 10_000;
    private const RegexOptions Rules = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private readonly bool builtIn;
    private readonly IReadOnlyList<Regex> extra;

    /// <summary>Built-in rules, plus <paramref name="extra"/> (made by <see cref="Pattern"/>) when given; none of them when <paramref name="builtIn"/> is false.</summary>
    public SecretScrubber(IReadOnlyList<Regex>? extra = null, bool builtIn = true)
    {
        this.builtIn = builtIn;
        this.extra = extra ?? [];
    }

    /// <summary>The built-in rules alone.</summary>
    public static SecretScrubber Default { get; } = new();

    /// <summary>No rules: text is kept as it is.</summary>
    public static SecretScrubber None { get; } = new(builtIn: false);

    /// <summary>True when no rule is set: <see cref="Scrub(string)"/> answers its input.</summary>
    public bool IsNone => !builtIn && extra.Count == 0;

    /// <summary>
    /// An extra pattern, on the non-backtracking engine (case-sensitive unless it says <c>(?i)</c>).
    /// Throws <see cref="ArgumentException"/> with the parser's reason when <paramref name="pattern"/> is
    /// not a regular expression that engine takes (backreferences, lookarounds and atomic groups are not).
    /// </summary>
    public static Regex Pattern(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Length == 0)
        {
            throw new ArgumentException("an empty pattern matches everywhere", nameof(pattern));
        }

        try
        {
            return new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(TimeoutMs));
        }
        catch (NotSupportedException e)
        {
            throw new ArgumentException(e.Message, nameof(pattern), e);
        }
    }

    /// <summary><paramref name="text"/> with every secret masked; null stays null.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public string? Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text) || IsNone)
        {
            return text;
        }

        try
        {
            if (builtIn)
            {
                var deadline = Environment.TickCount64 + BudgetMs;
                text = MaskKeyed(KeyValue(), text, MaskKeyValue, deadline);
                text = MaskKeyed(OptionValue(), text, MaskOptionValue, deadline);
                text = UrlPassword().Replace(text, "${key}" + Mask);
                text = Authorization().Replace(text, "${key}" + Mask);
            }

            foreach (var pattern in extra)
            {
                text = pattern.Replace(text, Mask);
            }

            return text;
        }
        catch (RegexMatchTimeoutException)
        {
            return TimedOut;
        }
    }

    /// <summary>
    /// <paramref name="death"/> with its command, title, output tails, runtime crash report, exception message and stack, and in-process
    /// report's text (reason, log, exception messages and stack lines, inner exceptions', notifier errors, nested panics' reasons) scrubbed; a new
    /// record with a copy of the report, the input untouched. Its signature is kept as it was computed, from
    /// the text before scrubbing: the same death buckets alike with and without scrubbing.
    /// </summary>
    public DeathRecord Scrub(DeathRecord death)
    {
        ArgumentNullException.ThrowIfNull(death);
        if (IsNone)
        {
            return death;
        }

        return death with
        {
            Command = Scrub(death.Command),
            Title = Scrub(death.Title),
            StdoutTail = Scrub(death.StdoutTail),
            StderrTail = Scrub(death.StderrTail),
            CrashReport = Scrub(death.CrashReport),
            ExceptionMessage = Scrub(death.ExceptionMessage),
            ExceptionStack = Scrub(death.ExceptionStack),
            Report = death.Report is null ? null : Scrub(death.Report),
        };
    }

    private CrashReport Scrub(CrashReport report)
    {
        // A copy through the report's own JSON, so that fields added later are carried over; a report
        // that does not read back (made in memory with fields out of range) is scrubbed in place.
        CrashReport copy;
        try
        {
            copy = CrashReport.Parse(report.ToUtf8Json());
        }
        catch (FormatException)
        {
            copy = report;
        }

        copy.Reason = Scrub(copy.Reason);
        copy.Log = Scrub(copy.Log);
        if (copy.Exception is { } exception)
        {
            Scrub(exception);
        }

        foreach (var notifier in copy.Notifiers)
        {
            notifier.Error = Scrub(notifier.Error);
        }

        foreach (var nested in copy.Nested)
        {
            nested.Reason = Scrub(nested.Reason);
        }

        return copy;
    }

    /// <summary>A report's exception's message and stack lines, and its inner exceptions', scrubbed in place.</summary>
    private void Scrub(ReportException exception)
    {
        exception.Message = Scrub(exception.Message);
        if (exception.StackTrace is { } lines)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                lines[i] = Scrub(lines[i]);
            }
        }

        foreach (var inner in exception.Inner ?? [])
        {
            Scrub(inner);
        }
    }

    /// <summary>
    /// Replaces each match of <paramref name="regex"/> in <paramref name="text"/> by what <paramref name="mask"/>
    /// answers; a match it answers null for (its key names no secret) is left, and the search goes on from its
    /// value, so that a value holding a secret of its own (<c>"message": "password=x"</c>) is still seen.
    /// </summary>
    /// Past <paramref name="deadline"/> (<see cref="Environment.TickCount64"/>) it gives up: <see cref="RegexMatchTimeoutException"/>.
    private static string MaskKeyed(Regex regex, string text, Func<Match, string?> mask, long deadline)
    {
        System.Text.StringBuilder? result = null;
        var copied = 0;
        var at = 0;
        while (at <= text.Length && regex.Match(text, at) is { Success: true } match)
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new RegexMatchTimeoutException(text, regex.ToString(), TimeSpan.FromMilliseconds(BudgetMs));
            }

            if (mask(match) is not { } masked)
            {
                at = match.Groups["value"].Index;
                continue;
            }

            result ??= new System.Text.StringBuilder(text.Length);
            result.Append(text, copied, match.Index - copied).Append(masked);
            copied = at = match.Index + match.Length;
        }

        return result is null ? text : result.Append(text, copied, text.Length - copied).ToString();
    }

    private static string? MaskKeyValue(Match match)
    {
        var key = match.Groups["key"].Value;
        var separator = match.Groups["sep"].Value;
        if (!SecretKey().IsMatch(key)
            || (separator.Contains(':', StringComparison.Ordinal) && match.Groups["q"].Length == 0
                && (key.EndsWith("Exception", StringComparison.OrdinalIgnoreCase) || key.EndsWith("Error", StringComparison.OrdinalIgnoreCase))))
        {
            return null;
        }

        var value = match.Groups["value"].Value;
        var quote = value.Length > 0 && value[0] is '"' or '\'' ? value[0].ToString() : string.Empty;
        if (IsMachineWord(value.AsSpan().Trim(quote)))
        {
            return null;
        }

        return $"{match.Groups["head"].Value}{quote}{Mask}{quote}";
    }

    /// <summary>
    /// A hexadecimal number of at most 64 bits written <c>0x…</c>: what the runtime's crash report holds under
    /// <c>"token"</c> (a method's metadata token), not a secret; masking it would cost the report its frames' identity.
    /// </summary>
    private static bool IsMachineWord(ReadOnlySpan<char> value) =>
        value.Length is > 2 and <= 18 && value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && !value[2..].ContainsAnyExcept(HexDigits);

    private static string? MaskOptionValue(Match match) =>
        SecretKey().IsMatch(match.Groups["key"].Value) ? $"{match.Groups["head"].Value}{Mask}" : null;

    /// <summary>A word that names a secret.</summary>
    [GeneratedRegex(@"password|passwd|pwd|token|secret|api[_-]?key|connection[_-]?string|credential", Rules, TimeoutMs)]
    private static partial Regex SecretKey();

    /// <summary>
    /// <c>KEY=value</c>, <c>KEY: value</c>, <c>"KEY": "value"</c>: the key a whole word (atomic: no backtracking into it),
    /// the value quoted or up to a space, quote, backslash, <c>;</c>, <c>&amp;</c>, <c>,</c> or <c>=</c> (trailing <c>=</c>s,
    /// base64's padding, included). A value never runs into the next <c>key=</c>, so a key naming no secret
    /// costs the search only its own value: the whole scrub stays linear (<c>a=a=a=…</c> included).
    /// </summary>
    [GeneratedRegex(@"(?<head>(?<![\w.-])(?<key>(?>[\w.-]+))(?<q>[""']?)(?<sep>(?>[ \t]*[=:][ \t]*)))(?<value>""[^""\r\n]*""|'[^'\r\n]*'|(?>[^\s""'\\;&,=]+)=*)", Rules, TimeoutMs)]
    private static partial Regex KeyValue();

    /// <summary><c>--name value</c> or <c>-name value</c> (two letters or more), the value a word not starting with <c>-</c>.</summary>
    [GeneratedRegex(@"(?<head>(?<![\w.-])(?<key>-{1,2}(?>[\w.-]{2,}))(?>[ \t]+))(?<value>[^\s-][^\s]*)", Rules, TimeoutMs)]
    private static partial Regex OptionValue();

    /// <summary>The password of a URL's user information: <c>scheme://user:PASSWORD@</c>.</summary>
    [GeneratedRegex(@"(?<key>(?<![\w+.-])[a-z][\w+.-]*://(?>[^\s/:@]*):)(?<value>(?>[^\s/@]+))(?=@)", Rules, TimeoutMs)]
    private static partial Regex UrlPassword();

    /// <summary>An <c>Authorization</c> header's credentials (after its scheme word, when there is one), and any <c>Bearer</c> token.</summary>
    [GeneratedRegex(@"(?<key>\bauthorization[""']?(?>[ \t]*[=:][ \t]*)[""']?(?:(?:bearer|basic|digest|token|negotiate)[ \t]+)?|\bbearer[ \t]+)(?<value>(?>[^\s""',;]+))", Rules, TimeoutMs)]
    private static partial Regex Authorization();
}
