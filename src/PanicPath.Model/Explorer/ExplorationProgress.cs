namespace PanicPath.Model.Explorer;

/// <summary>
/// How far an exploration has come: the chosen configurations tried so far out of <see cref="Total"/> (the
/// space before constraints). The explorer adds to it as it runs; a display reads it from another thread.
/// </summary>
public sealed class ExplorationProgress
{
    private long done;
    private long total;

    /// <summary>How many chosen configurations there are to try.</summary>
    public long Total => Volatile.Read(ref total);

    /// <summary>How many have been tried.</summary>
    public long Done => Volatile.Read(ref done);

    internal void Start(long count)
    {
        Volatile.Write(ref done, 0);
        Volatile.Write(ref total, count);
    }

    internal void Add(long count) => Interlocked.Add(ref done, count);
}
