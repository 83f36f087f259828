using System.Text.RegularExpressions;

namespace PanicPath.Supervisor.Store;

/// <summary>
/// Hides secrets in a connection string, and in text that may quote it, before either is shown: the
/// value of every <c>Password</c> (or <c>Pwd</c>, <c>Psw</c>) keyword becomes <c>***</c>, quoted or not.
/// </summary>
public static partial class ConnectionStringMask
{
    /// <summary>What stands in for a secret.</summary>
    public const string Hidden = "***";

    /// <summary>
    /// <paramref name="text"/> with every password value replaced by <see cref="Hidden"/>, and
    /// <paramref name="password"/> itself wherever it stands when it is long enough (four characters or
    /// more) not to be mistaken for part of an ordinary word.
    /// </summary>
    public static string Apply(string text, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var masked = PasswordValue().Replace(text, m => m.Groups["key"].Value + Hidden);
        return password is not { Length: >= 4 } ? masked : masked.Replace(password, Hidden, StringComparison.Ordinal);
    }

    [GeneratedRegex("""(?<key>\b(?:password|pwd|psw)\s*=\s*)(?:"(?:[^"]|"")*"|'(?:[^']|'')*'|[^;]*)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordValue();
}
