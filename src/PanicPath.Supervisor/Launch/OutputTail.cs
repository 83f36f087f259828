namespace PanicPath.Supervisor.Launch;

/// <summary>
/// The last <c>capacity</c> lines written to one stream, kept in a ring; thread-safe. Older lines are
/// dropped as new ones arrive; a capacity of 0 keeps nothing.
/// </summary>
public sealed class OutputTail
{
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

            lines.Enqueue(line);
        }
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
