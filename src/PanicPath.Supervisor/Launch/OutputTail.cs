namespace PanicPath.Supervisor.Launch;

/// <summary>
/// The last <c>capacity</c> lines written to one stream, kept in a ring; thread-safe. Older lines are
/// dropped as new ones arrive; a capacity of 0 keeps nothing. A line longer than <see cref="MaxLineLength"/>
/// characters is kept cut to that length, ending in <c>…</c>: an app's output is its own, and a death's record
/// (and every page showing it) stays bounded whatever it wrote.
/// </summary>
public sealed class OutputTail
{
    /// <summary>The most characters of one line kept.</summary>
    public const int MaxLineLength = 4096;

    private readonly Queue<string> lines = new();
    private readonly int capacity;
    private readonly Lock gate = new();

    /// <summary>Keeps the last <paramref name="capacity"/> lines.</summary>
    public OutputTail(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        this.capacity = capacity;
    }

    /// <summary>Adds one line (without its line break).</summary>
    public void Add(string line)
    {
        lock (gate)
        {
            if (capacity == 0)
            {
                return;
            }

            if (lines.Count == capacity)
            {
                lines.Dequeue();
            }

            lines.Enqueue(line.Length <= MaxLineLength ? line : Cut(line));
        }
    }

    /// <summary><paramref name="line"/> cut to <see cref="MaxLineLength"/> characters ending in an ellipsis, never between the halves of a surrogate pair.</summary>
    private static string Cut(string line)
    {
        var cut = MaxLineLength - 1;
        if (char.IsHighSurrogate(line[cut - 1]))
        {
            cut--;
        }

        return string.Concat(line.AsSpan(0, cut), "…");
    }

    /// <summary>The kept lines, oldest first, joined with <c>\n</c>.</summary>
    public override string ToString()
    {
        lock (gate)
        {
            return string.Join('\n', lines);
        }
    }
}
