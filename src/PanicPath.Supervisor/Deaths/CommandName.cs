namespace PanicPath.Supervisor.Deaths;

/// <summary>
/// A command line reduced to the part that names what was run, for bucketing exit-code deaths: the
/// words of the line as the supervisor records it (single-quoted words as one), each word that is a path
/// (it holds <c>/</c> or <c>\</c>) reduced to its file name, joined by single spaces. So
/// <c>/usr/bin/dotnet /tmp/x1/app.dll --port 80</c> is <c>dotnet app.dll --port 80</c> wherever the app
/// and its temporary directory are; other arguments are kept, so a different option is another command.
/// The pid is never part of it (a record keeps it apart), and neither is a secret: the line is masked
/// first with the default rules (<see cref="Scrubbing.SecretScrubber.Default"/>), whether or not the run
/// scrubs its records, so that a per-run token (<c>--token=…</c>) neither opens a bucket per run nor goes
/// into the signature's hash, and a run with <c>--no-scrub</c> buckets as one without.
/// </summary>
public static class CommandName
{
    /// <summary>The normal form of <paramref name="command"/>.</summary>
    public static string Normalise(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return string.Join(' ', Words(Scrubbing.SecretScrubber.Default.Scrub(command) ?? string.Empty).Select(FileNameOf));
    }

    private static string FileNameOf(string word)
    {
        if (word.IndexOfAny(['/', '\\']) < 0)
        {
            return word;
        }

        var equals = word.IndexOf('=', StringComparison.Ordinal);
        var slash = word.IndexOf('/', StringComparison.Ordinal) is var s && s < 0 ? word.IndexOf('\\', StringComparison.Ordinal) : s;
        if (equals > 0 && equals < slash)
        {
            // --output=/tmp/x/file: the option is kept, its path reduced.
            return word[..(equals + 1)] + FileNameOf(word[(equals + 1)..]);
        }

        var name = word.TrimEnd('/', '\\');
        var last = name.LastIndexOfAny(['/', '\\']);
        return last >= 0 ? name[(last + 1)..] : name;
    }

    /// <summary>The words of a command line: split on white space, a single-quoted run (<c>'a b'</c>, <c>'it'\''s'</c>) kept as one.</summary>
    private static IEnumerable<string> Words(string command)
    {
        var word = new System.Text.StringBuilder();
        var quoted = false;
        var any = false;
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            if (c == '\'')
            {
                quoted = !quoted;
                any = true;
                continue;
            }

            if (c == '\\' && !quoted && i + 1 < command.Length && command[i + 1] == '\'')
            {
                word.Append('\'');
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c) && !quoted)
            {
                if (word.Length > 0 || any)
                {
                    yield return word.ToString();
                }

                word.Clear();
                any = false;
                continue;
            }

            word.Append(c);
        }

        if (word.Length > 0 || any)
        {
            yield return word.ToString();
        }
    }
}
